import {
  GraphQLError, Kind,
  type ASTVisitor, type FieldNode, type FragmentDefinitionNode, type SelectionSetNode, type ValidationContext,
} from 'graphql';

export type QueryLimits = {
  /** Deepest field nesting (introspection fields excluded). */
  maxDepth: number;
  /** Aliased fields in the whole operation (aliases multiply upstream work). */
  maxAliases: number;
  /** Field selections after fragment expansion ("wide" queries). */
  maxFields: number;
};

export const DEFAULT_QUERY_LIMITS: QueryLimits = { maxDepth: 12, maxAliases: 30, maxFields: 1000 };

/**
 * Hostile queries (deep, wide, aliased) are refused before execution with QUERY_TOO_COMPLEX
 * naming the limit. Fragments are expanded (each at most once per path, so a fragment cycle —
 * already invalid in GraphQL — cannot loop here).
 */
export function queryLimitsRule(limits: QueryLimits = DEFAULT_QUERY_LIMITS) {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(operation) {
      let fields = 0;
      let aliases = 0;
      let exceeded: { limit: keyof QueryLimits; message: string } | null = null;

      const walk = (set: SelectionSetNode, depth: number, visiting: Set<string>): void => {
        for (const selection of set.selections) {
          if (exceeded) return;
          if (selection.kind === Kind.FIELD) {
            const field = selection as FieldNode;
            if (field.name.value.startsWith('__')) continue; // introspection / __typename
            fields += 1;
            if (field.alias) aliases += 1;
            if (depth > limits.maxDepth) exceeded = { limit: 'maxDepth', message: `Query depth exceeds ${limits.maxDepth}.` };
            else if (aliases > limits.maxAliases) exceeded = { limit: 'maxAliases', message: `More than ${limits.maxAliases} aliases.` };
            else if (fields > limits.maxFields) exceeded = { limit: 'maxFields', message: `More than ${limits.maxFields} field selections.` };
            if (field.selectionSet) walk(field.selectionSet, depth + 1, visiting);
          } else if (selection.kind === Kind.INLINE_FRAGMENT) {
            walk(selection.selectionSet, depth, visiting);
          } else {
            const name = selection.name.value;
            const fragment: FragmentDefinitionNode | null | undefined = context.getFragment(name);
            if (!fragment || visiting.has(name)) continue;
            visiting.add(name);
            walk(fragment.selectionSet, depth, visiting);
            visiting.delete(name);
          }
        }
      };
      walk(operation.selectionSet, 1, new Set());
      if (exceeded) {
        const { limit, message } = exceeded;
        context.reportError(new GraphQLError(message, { nodes: [operation], extensions: { limit, hubCode: 'QUERY_TOO_COMPLEX' } }));
      }
    },
  });
}
