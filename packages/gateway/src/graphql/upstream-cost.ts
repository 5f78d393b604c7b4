import {
  Kind, getNamedType, isInterfaceType, isObjectType, valueFromASTUntyped,
  type ArgumentNode, type DocumentNode, type FieldNode, type FragmentDefinitionNode, type GraphQLNamedType,
  type GraphQLSchema, type OperationDefinitionNode, type SelectionSetNode, type ValueNode,
} from 'graphql';
import { parsePolicySpec, type PolicyDirectiveArgs, type PolicySpec } from '@hub/policy';
import { UPSTREAM_ROUTES } from './upstream-routes.js';

/** A place in the document where a route may be called: resolved per request against variables and scopes. */
type CallSite = { route: string; perParent: number; policy: PolicySpec | null; args: readonly ArgumentNode[] | null };

/** A subject root (`person`, `persons`): its consent argument and the call sites below it. */
type SubjectRoot = { consents: ValueNode; list: boolean; sites: CallSite[] };

/** What an operation can call upstream, computed once per operation (document shape only). */
export type UpstreamPlan = readonly SubjectRoot[];

/** The subject roots of Query and the arguments naming their consent(s) (`person` takes one of two). */
const SUBJECT_ROOTS: Readonly<Record<string, { arguments: readonly string[]; list: boolean }>> = {
  person: { arguments: ['consent', 'franceConnectToken'], list: false },
  persons: { arguments: ['consents'], list: true },
};

/**
 * The upstream-call estimate (the `upstreamCalls` limit, docs/contract.md "Release policy"),
 * made before execution so that a request over the limit is refused with no upstream call at all:
 *
 *   Σ over distinct subjects (distinct consent tokens of `person` / `persons` roots, variables
 *   applied) of the distinct calls selected for that subject — a call being a route
 *   (upstream-routes.ts) and, where the route takes them, the field's arguments; a call whose
 *   field's `@policy` the operator's habilitation cannot satisfy counts 0 (it is never resolved);
 *   a `Child.schooling` call counts ASSUMED_CHILDREN.
 *
 * This mirrors the per-request DataLoaders (same route + parameters = one call), so 30 aliased
 * `family(year:, month:)` with different arguments are 30 calls per subject, and the same field
 * spread twice is one. The consent's own scopes are unknown before execution (reading them costs a
 * database query), so the estimate is an upper bound by habilitation. Building the plan is linear
 * in the document (each fragment walked at most once per subject root); evaluating it stops as
 * soon as `limit` is passed.
 */
export class UpstreamCostEstimator {
  private readonly policies = new Map<string, PolicySpec | null>();

  constructor(private readonly schema: GraphQLSchema) {
    for (const [coordinate, calls] of Object.entries(UPSTREAM_ROUTES)) {
      for (const call of calls) {
        const of = call.policyOf ?? coordinate;
        if (!this.policies.has(of)) this.policies.set(of, policyOf(schema, of));
      }
    }
  }

  /** The call sites of `operation`, by subject root. */
  plan(document: DocumentNode, operation: OperationDefinitionNode): UpstreamPlan {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of document.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
    const queryType = this.schema.getQueryType();
    if (!queryType || operation.operation !== 'query') return [];

    // Root fields, through inline fragments and spreads (each fragment once).
    const roots: FieldNode[] = [];
    const seenRootFragments = new Set<string>();
    const collectRoots = (set: SelectionSetNode) => {
      for (const selection of set.selections) {
        if (selection.kind === Kind.FIELD) roots.push(selection);
        else if (selection.kind === Kind.INLINE_FRAGMENT) collectRoots(selection.selectionSet);
        else if (!seenRootFragments.has(selection.name.value)) {
          seenRootFragments.add(selection.name.value);
          const fragment = fragments.get(selection.name.value);
          if (fragment) collectRoots(fragment.selectionSet);
        }
      }
    };
    collectRoots(operation.selectionSet);

    const plan: SubjectRoot[] = [];
    for (const root of roots) {
      const kind = SUBJECT_ROOTS[root.name.value];
      const consents = kind && root.arguments?.find((a) => kind.arguments.includes(a.name.value))?.value;
      const type = queryType.getFields()[root.name.value]?.type;
      if (!kind || !consents || !type || !root.selectionSet) continue;
      plan.push({ consents, list: kind.list, sites: this.sitesBelow(root.selectionSet, getNamedType(type), fragments) });
    }
    return plan;
  }

  /** Estimated calls of `plan` for these variables and habilitation scopes; stops once over `limit`. */
  estimate(plan: UpstreamPlan, variables: Readonly<Record<string, unknown>> | undefined, scopes: ReadonlySet<string>, limit: number): number {
    const vars = (variables ?? {}) as Record<string, unknown>;
    const bySubject = new Map<string, Set<string>>();
    let total = 0;
    for (const root of plan) {
      const calls = new Map<string, number>();
      for (const site of root.sites) {
        if (site.policy && !habilitationAllows(site.policy, scopes)) continue;
        const key = `${site.perParent > 1 ? 'child ' : ''}${site.route}${site.args ? argumentsKey(site.args, vars) : ''}`;
        calls.set(key, site.perParent);
      }
      if (calls.size === 0) continue;
      const value: unknown = valueFromASTUntyped(root.consents, vars);
      // Input coercion makes a single value a list of one (spec §3.11).
      const consents = root.list && Array.isArray(value) ? value : [value];
      for (const consent of consents) {
        const subject = typeof consent === 'string' ? consent : JSON.stringify(consent ?? null);
        let made = bySubject.get(subject);
        if (!made) bySubject.set(subject, (made = new Set()));
        for (const [key, weight] of calls) {
          if (made.has(key)) continue;
          made.add(key);
          total += weight;
          if (total > limit) return total;
        }
      }
    }
    return total;
  }

  /** Distinct call sites below a subject root; each fragment is walked once per root. */
  private sitesBelow(set: SelectionSetNode, type: GraphQLNamedType, fragments: ReadonlyMap<string, FragmentDefinitionNode>): CallSite[] {
    const sites: CallSite[] = [];
    const plain = new Set<string>();
    const seen = new Set<string>();
    const walk = (selections: SelectionSetNode, parent: GraphQLNamedType | undefined) => {
      for (const selection of selections.selections) {
        if (selection.kind === Kind.INLINE_FRAGMENT) {
          walk(selection.selectionSet, selection.typeCondition ? this.schema.getType(selection.typeCondition.name.value) ?? undefined : parent);
        } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
          const fragment = fragments.get(selection.name.value);
          if (!fragment || seen.has(fragment.name.value)) continue;
          seen.add(fragment.name.value);
          walk(fragment.selectionSet, this.schema.getType(fragment.typeCondition.name.value) ?? undefined);
        } else if (parent && (isObjectType(parent) || isInterfaceType(parent))) {
          const field = parent.getFields()[selection.name.value];
          if (!field) continue;
          const coordinate = `${parent.name}.${field.name}`;
          for (const call of UPSTREAM_ROUTES[coordinate] ?? []) {
            const args = call.withArguments ? selection.arguments ?? [] : null;
            const site = { route: call.route, perParent: call.perParent ?? 1, policy: this.policies.get(call.policyOf ?? coordinate) ?? null, args };
            // Each field node is met once per root (fragments are walked once); sites without
            // arguments are the same call wherever they appear, so keep one.
            if (args && args.length > 0) sites.push(site);
            else if (!plain.has(`${coordinate} ${call.route}`)) {
              plain.add(`${coordinate} ${call.route}`);
              sites.push(site);
            }
          }
          if (selection.selectionSet) walk(selection.selectionSet, getNamedType(field.type));
        }
      }
    };
    walk(set, type);
    return sites;
  }
}

/** The `@policy` a schema field declares (null: none, or not a field). */
function policyOf(schema: GraphQLSchema, coordinate: string): PolicySpec | null {
  const [typeName, fieldName] = coordinate.split('.') as [string, string];
  const type = schema.getType(typeName);
  const field = type && (isObjectType(type) || isInterfaceType(type)) ? type.getFields()[fieldName] : undefined;
  const directive = field?.astNode?.directives?.find((d) => d.name.value === 'policy');
  if (!directive) return null;
  const args = Object.fromEntries((directive.arguments ?? []).map((a) => [a.name.value, valueFromASTUntyped(a.value)])) as PolicyDirectiveArgs;
  const spec = parsePolicySpec(args, coordinate);
  return spec.kind === 'inherit' ? null : spec;
}

/** Whether the habilitation alone could release a field of this policy (the consent may still deny it). */
function habilitationAllows(policy: PolicySpec, scopes: ReadonlySet<string>): boolean {
  switch (policy.kind) {
    case 'scope': return scopes.has(policy.scope);
    case 'anyOf': return policy.scopes.some((s) => scopes.has(s));
    case 'allOf': return policy.scopes.every((s) => scopes.has(s));
    case 'inherit': return true;
  }
}

/** The call parameters a field's arguments give, variables applied; null and absent are the same. */
function argumentsKey(args: readonly ArgumentNode[], variables: Record<string, unknown>): string {
  const given = args
    .map((a) => [a.name.value, valueFromASTUntyped(a.value, variables)] as const)
    .filter(([, value]) => value !== null && value !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return given.length === 0 ? '' : JSON.stringify(given);
}
