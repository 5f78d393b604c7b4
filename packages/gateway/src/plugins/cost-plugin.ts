import type { ApolloServerPlugin } from '@apollo/server';
import type { DocumentNode, GraphQLError, OperationDefinitionNode } from 'graphql';
import type { GraphQLContext } from '../resolvers/context.js';

/** The cost step's answer: the measured cost for `extensions.cost`, or the QUERY_TOO_COMPLEX to answer. */
export type CostVerdict = { cost: object } | { error: GraphQLError };

/** Measures one request's operation (variables and caller known) before any resolver runs. */
export type CostCheck = (
  document: DocumentNode, operation: OperationDefinitionNode, variables: Readonly<Record<string, unknown>> | undefined, ctx: GraphQLContext,
) => CostVerdict;

/**
 * The cost step on Apollo's path (the prepared-operation path calls the same CostCheck): after the
 * operation is resolved and before execution, a refusal is thrown (Apollo answers it with the
 * error's HTTP status, 400, and runs no resolver); otherwise the cost is added to the response's
 * `extensions.cost` when the operation executed.
 */
export function costPlugin(check: CostCheck): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      let cost: object | undefined;
      return {
        async didResolveOperation({ document, operation, request, contextValue }) {
          if (!operation) return;
          const verdict = check(document, operation, request.variables, contextValue);
          if ('error' in verdict) throw verdict.error;
          cost = verdict.cost;
        },
        async willSendResponse({ response }) {
          if (cost === undefined || response.body.kind !== 'single' || response.body.singleResult.data === undefined) return;
          response.body.singleResult.extensions = { ...response.body.singleResult.extensions, cost };
        },
      };
    },
  };
}
