import { GraphQLError, type ValidationRule } from 'graphql';

/**
 * The hub's schema has queries only (docs/contract.md#root-fields). graphql-js 16 validates a
 * `mutation` or `subscription` against it and fails only at execution ("Schema is not configured
 * to execute ..."), an uncoded execution error; this rule refuses it at validation instead, as a
 * client's mistake (GraphQL spec §6.1 "Executing Requests": the root type must exist), on both
 * execution paths.
 */
export const supportedOperationsRule: ValidationRule = (context) => ({
  OperationDefinition(node) {
    const schema = context.getSchema();
    const root = node.operation === 'query' ? schema.getQueryType() : node.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
    if (!root) context.reportError(new GraphQLError(`The hub has no ${node.operation} operations: send a query.`, { nodes: node }));
  },
});
