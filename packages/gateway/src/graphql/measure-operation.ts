import {
  Kind,
  type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode,
} from 'graphql';

/** What an operation selects once its fragments are expanded (as execution would walk it). */
export type OperationMeasure = {
  /** Field selections, `__typename` and introspection fields included. */
  fields: number;
  /** Deepest field nesting (a root field is depth 1). */
  depth: number;
  /** Aliased field selections. */
  aliases: number;
  /** Directive usages (on the operation, fields, fragments and spreads). */
  directives: number;
  /** Introspection roots (`__schema`, `__type`) selected at the operation's top level. */
  introspectionRoots: number;
};

const ZERO: OperationMeasure = { fields: 0, depth: 0, aliases: 0, directives: 0, introspectionRoots: 0 };
const INTROSPECTION_ROOTS = new Set(['__schema', '__type']);

/**
 * Measures `operation` in time linear in the document (GraphQL spec §6.3.2 CollectFields expands
 * every spread; this measures what that expansion would hold without performing it).
 *
 * The subtle invariant: a fragment's measure does not depend on where it is spread, so each
 * fragment is measured once and memoised, and every spread adds the memoised figures (a fragment
 * spread twice counts twice: `fragment F1 { ...F0 ...F0 }` repeated 24 levels measures 2^24 fields
 * in 24 steps, where expanding it would take 2^24). Counts are plain numbers: a deep doubling chain
 * overflows to Infinity at worst, which still compares as "over the limit".
 *
 * A fragment cycle (invalid: spec §5.5.2.2, reported by graphql-js's NoFragmentCycles) measures as
 * zero when met again while its own measure is in progress, so a cycle cannot loop here. Unknown
 * fragments (also invalid) measure zero.
 */
export function measureOperation(document: DocumentNode, operation: OperationDefinitionNode): OperationMeasure {
  return documentMeasurer(document)(operation);
}

/** A measurer of the operations of `document`, sharing one fragment memo (linear for all of them). */
export function documentMeasurer(document: DocumentNode): (operation: OperationDefinitionNode) => OperationMeasure {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const memo = new Map<string, OperationMeasure | 'measuring'>();

  const fragment = (name: string): OperationMeasure => {
    const known = memo.get(name);
    if (known === 'measuring') return ZERO;
    if (known) return known;
    const definition = fragments.get(name);
    if (!definition) return ZERO;
    memo.set(name, 'measuring');
    const measured = selectionSet(definition.selectionSet);
    measured.directives += definition.directives?.length ?? 0;
    memo.set(name, measured);
    return measured;
  };

  /** The measure of a selection set; `introspectionRoots` counts only its own level. */
  const selectionSet = (set: SelectionSetNode): OperationMeasure => {
    const total = { ...ZERO };
    const add = (part: OperationMeasure, includeRoots: boolean) => {
      total.fields += part.fields;
      total.aliases += part.aliases;
      total.directives += part.directives;
      if (part.depth > total.depth) total.depth = part.depth;
      if (includeRoots) total.introspectionRoots += part.introspectionRoots;
    };
    for (const selection of set.selections) {
      total.directives += selection.directives?.length ?? 0;
      if (selection.kind === Kind.FIELD) {
        total.fields += 1;
        if (selection.alias) total.aliases += 1;
        if (INTROSPECTION_ROOTS.has(selection.name.value)) total.introspectionRoots += 1;
        const child = selection.selectionSet ? selectionSet(selection.selectionSet) : ZERO;
        add({ ...child, depth: child.depth + 1 }, false);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        add(selectionSet(selection.selectionSet), true);
      } else {
        add(fragment(selection.name.value), true);
      }
    }
    return total;
  };

  return (operation) => {
    const measured = selectionSet(operation.selectionSet);
    measured.directives += operation.directives?.length ?? 0;
    for (const variable of operation.variableDefinitions ?? []) measured.directives += variable.directives?.length ?? 0;
    return measured;
  };
}
