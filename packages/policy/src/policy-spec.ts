/**
 * The release policy a field declares with `@policy` (schema/directives.graphql). Exactly one form:
 * a single scope, a container reachable with any of its scopes, a field needing all of its scopes,
 * or a nested field released as a whole with its parent.
 */
export type PolicySpec =
  | { kind: 'scope'; scope: string }
  | { kind: 'anyOf'; scopes: readonly string[] }
  | { kind: 'allOf'; scopes: readonly string[] }
  | { kind: 'inherit' };

export type PolicyDirectiveArgs = { scope?: string; anyOf?: string[]; allOf?: string[]; inherit?: boolean };

/** Validates the directive's arguments; throws naming the field when it is not exactly one form. */
export function parsePolicySpec(args: PolicyDirectiveArgs, coordinate: string): PolicySpec {
  const forms = [args.scope !== undefined, args.anyOf !== undefined, args.allOf !== undefined, args.inherit === true].filter(Boolean).length;
  if (forms !== 1) throw new Error(`@policy on ${coordinate} must give exactly one of scope, anyOf, allOf, inherit: true`);
  if (args.scope !== undefined) return { kind: 'scope', scope: args.scope };
  if (args.anyOf !== undefined) {
    if (args.anyOf.length === 0) throw new Error(`@policy(anyOf:) on ${coordinate} is empty`);
    return { kind: 'anyOf', scopes: args.anyOf };
  }
  if (args.allOf !== undefined) {
    if (args.allOf.length === 0) throw new Error(`@policy(allOf:) on ${coordinate} is empty`);
    return { kind: 'allOf', scopes: args.allOf };
  }
  return { kind: 'inherit' };
}

export function scopesOf(spec: PolicySpec): readonly string[] {
  switch (spec.kind) {
    case 'scope': return [spec.scope];
    case 'anyOf':
    case 'allOf': return spec.scopes;
    case 'inherit': return [];
  }
}
