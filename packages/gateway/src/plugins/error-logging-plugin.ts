import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { isHubError } from '@hub/core';
import { isDatabaseUnavailable } from '../outage/database-outage.js';
import type { GraphQLContext } from '../resolvers/context.js';

/**
 * Apollo's codes for a fault of the request itself: syntax, validation (query limits included),
 * variables that do not coerce, an unknown operation name, a mutation over GET, an APQ miss.
 */
const CLIENT_MISTAKES = new Set([
  'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE', 'PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED',
]);

/**
 * Logs unexpected errors at error level with the request id (the client sees only
 * INTERNAL_SERVER_ERROR). A client's mistake is one info line per request, without stack or
 * message (messages can quote the client's values: names, tokens); coded outcomes (HubErrors) and
 * database outages (reported once at the request boundary) are not logged per field.
 */
export function logUnexpectedErrors(logger: Logger, errors: ReadonlyArray<GraphQLError>): void {
  let mistakes: string[] | undefined;
  for (const error of errors) {
    const original = unwrapResolverError(error);
    if (isHubError(original) || isDatabaseUnavailable(original)) continue;
    const code = error.extensions?.code;
    if (typeof code === 'string' && CLIENT_MISTAKES.has(code)) {
      (mistakes ??= []).push(code);
      continue;
    }
    if (isClientHttpError(original)) {
      (mistakes ??= []).push('BAD_REQUEST');
      continue;
    }
    logger.error({ err: original, path: error.path }, 'unexpected error');
  }
  if (mistakes) logger.info({ codes: [...new Set(mistakes)], errors: mistakes.length }, 'client error');
}

/** A GraphQLError Apollo raised with `extensions.http.status` 4xx (its request faults). */
export function isClientHttpError(error: unknown): boolean {
  const status = (error as { extensions?: { http?: { status?: unknown } } } | null)?.extensions?.http?.status;
  return typeof status === 'number' && status >= 400 && status < 500;
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
