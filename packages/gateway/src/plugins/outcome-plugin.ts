import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLContext } from '../resolvers/context.js';

/**
 * Leaves what Apollo executed on the context (operation name, the result as sent), where the
 * metrics and the request span read the outcome; the prepared-operation path does the same.
 */
export function outcomePlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue: ctx, operation, response }) {
          ctx.operationName = operation ? operation.name?.value ?? null : undefined;
          if (response.body.kind === 'single') ctx.sent = response.body.singleResult;
        },
      };
    },
  };
}
