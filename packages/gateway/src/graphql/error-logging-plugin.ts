import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { isHubError } from '@hub/core';
import type { GraphQLContext } from './context.js';

/** Logs unexpected errors with the request id (the client sees only INTERNAL_SERVER_ERROR). */
export function errorLoggingPlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ contextValue, errors }) {
          for (const error of errors) {
            const original = unwrapResolverError(error);
            if (isHubError(original) || error.extensions?.code === 'GRAPHQL_VALIDATION_FAILED' || error.extensions?.code === 'GRAPHQL_PARSE_FAILED' || error.extensions?.code === 'BAD_USER_INPUT') continue;
            contextValue.logger.error({ err: original, path: error.path }, 'unexpected error');
          }
        },
      };
    },
  };
}
