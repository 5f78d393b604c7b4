import type { GraphQLResolveInfo } from 'graphql';
import type { DeniedField, UpstreamCallRecord } from '@hub/core';
import { scopesOf, type PolicyDecision, type PolicySpec, type SubjectPolicy, type SubjectRelease } from '@hub/policy';
import type { VerifiedConsent } from '../auth/consent-service.js';
import { subjectLoaders, type SourceLoaders } from './create-sources.js';

/**
 * One subject of one request: the consent that names them, the policy decided once for them, and
 * what was released or withheld about them (for the journal). Built per request, never shared.
 */
export class SubjectContext<C extends { loaders: SourceLoaders } = { loaders: SourceLoaders }> implements SubjectRelease {
  readonly releasedFields = new Set<string>();
  readonly releasedScopes = new Set<string>();
  readonly deniedFields: DeniedField[] = [];
  /** The request's context as this subject's field resolvers receive it: the same, but loaders
   * that note the upstream calls made on this subject's behalf. */
  readonly resolverContext: C;
  /** Attempt lists of the upstream keys loaded for this subject (see `subjectLoaders`). */
  private readonly callLists = new Set<readonly UpstreamCallRecord[]>();

  constructor(
    readonly consent: VerifiedConsent,
    readonly policy: SubjectPolicy,
    requestContext: C,
  ) {
    const loaders = subjectLoaders(requestContext.loaders, (calls) => this.callLists.add(calls));
    this.resolverContext = Object.create(requestContext, { loaders: { value: loaders } }) as C;
  }

  /** FranceConnect mode: the citizen's access token, for a source whose route takes it (forwarded, never logged). */
  get franceConnectToken(): string | undefined {
    return this.consent.franceConnect?.accessToken;
  }

  /** The request's upstream calls made for this subject, in the request's order. */
  upstreamCallsAmong(requestCalls: readonly UpstreamCallRecord[]): UpstreamCallRecord[] {
    if (this.callLists.size === 0) return [];
    const mine = new Set<UpstreamCallRecord>();
    for (const calls of this.callLists) for (const call of calls) mine.add(call);
    return requestCalls.filter((call) => mine.has(call));
  }

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
