import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { isHubError } from '@hub/core';
import { isDatabaseUnavailable } from '../outage/database-outage.js';
import type { GraphQLContext } from '../resolvers/context.js';

const EXPECTED_CODES = new Set(['GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'BAD_USER_INPUT']);

/** Logs unexpected errors with the request id (the client sees only INTERNAL_SERVER_ERROR). */
export function logUnexpectedErrors(logger: Logger, errors: ReadonlyArray<GraphQLError>): void {
  for (const error of errors) {
    const original = unwrapResolverError(error);
    // A database outage is reported once at the request boundary, not per field with a stack.
    if (isHubError(original) || EXPECTED_CODES.has(error.extensions?.code as string) || isDatabaseUnavailable(original)) continue;
    logger.error({ err: original, path: error.path }, 'unexpected error');
  }
}

/** logUnexpectedErrors as an Apollo plugin. */
export function errorLoggingPlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ contextValue, errors }) {
          logUnexpectedErrors(contextValue.logger, errors);
        },
      };
    },
  };
}
