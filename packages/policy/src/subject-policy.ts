import type { PolicySpec } from './policy-spec.js';

/**
 * The scopes that may be released about one subject in one request: the operator's habilitation
 * and the citizen's consent, decided once (docs/contract.md#release-policy), then looked up per field in O(1).
 */
export class SubjectPolicy {
  readonly effective: ReadonlySet<string>;

  constructor(
    readonly habilitation: ReadonlySet<string>,
    readonly consent: ReadonlySet<string>,
  ) {
    this.effective = new Set([...habilitation].filter((s) => consent.has(s)));
  }

  /** Decision for one field. A denial names the first missing scope and who lacks it. */
  decide(spec: PolicySpec): PolicyDecision {
    switch (spec.kind) {
      case 'inherit':
        return ALLOW;
      case 'scope':
        return this.effective.has(spec.scope) ? ALLOW : this.deny(spec.scope);
      case 'anyOf':
        for (const s of spec.scopes) if (this.effective.has(s)) return ALLOW;
        // Prefer reporting a scope the habilitation holds (the consent is what is missing).
        return this.deny(spec.scopes.find((s) => this.habilitation.has(s)) ?? spec.scopes[0]!);
      case 'allOf':
        for (const s of spec.scopes) if (!this.effective.has(s)) return this.deny(s);
        return ALLOW;
    }
  }

  private deny(scope: string): PolicyDecision {
    return { allowed: false, code: this.habilitation.has(scope) ? 'CONSENT_SCOPE_MISSING' : 'FORBIDDEN_SCOPE', scope };
  }
}

export type PolicyDecision =
  | { allowed: true }
  | { allowed: false; code: 'FORBIDDEN_SCOPE' | 'CONSENT_SCOPE_MISSING'; scope: string };

const ALLOW: PolicyDecision = { allowed: true };
