import type { GraphQLResolveInfo } from 'graphql';
import type { DeniedField } from '@hub/core';
import { scopesOf, type PolicyDecision, type PolicySpec, type SubjectPolicy, type SubjectRelease } from '@hub/policy';
import type { VerifiedConsent } from '../auth/consent-service.js';

/**
 * One subject of one request: the consent that names them, the policy decided once for them, and
 * what was released or withheld about them (for the journal). Built per request, never shared.
 */
export class SubjectContext implements SubjectRelease {
  readonly releasedFields = new Set<string>();
  readonly releasedScopes = new Set<string>();
  readonly deniedFields: DeniedField[] = [];

  constructor(
    readonly consent: VerifiedConsent,
    readonly policy: SubjectPolicy,
  ) {}

  released(coordinate: string, spec: PolicySpec): void {
    this.releasedFields.add(coordinate);
    // A container (anyOf) releases nothing itself: its leaves record their own scopes.
    if (spec.kind === 'scope' || spec.kind === 'allOf') for (const s of scopesOf(spec)) this.releasedScopes.add(s);
  }

  denied(coordinate: string, _path: string, decision: Exclude<PolicyDecision, { allowed: true }>): void {
    this.deniedFields.push({ path: coordinate, code: decision.code, scope: decision.scope });
  }
}

/**
 * The key of the subject a field belongs to: the response key of the root field (`person` or its
 * alias), plus the list index under `persons`. Found by walking `info.path` to the root (a few steps).
 */
export function subjectKeyOf(path: GraphQLResolveInfo['path']): string {
  let child: GraphQLResolveInfo['path'] | undefined;
  let p = path;
  while (p.prev) {
    child = p;
    p = p.prev;
  }
  return typeof child?.key === 'number' ? `${p.key}.${child.key}` : String(p.key);
}
