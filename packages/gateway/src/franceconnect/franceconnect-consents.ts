import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { HubError, subjectRef } from '@hub/core';
import type { Store } from '@hub/store';
import type { VerifiedConsent } from '../auth/consent-service.js';
import type { Principal } from '../auth/principal.js';
import { franceConnectInvalid, type CheckTokenClient, type TokenIntrospection } from './check-token-client.js';
import { catalogueScopesOf } from './franceconnect-scopes.js';
import { identityFromIntrospection, IntrospectionClaimError } from './identity-from-introspection.js';

/** `consentId` of every FranceConnect-mode release: there is no consent row, the token is the consent. */
export const FRANCECONNECT_CONSENT_ID = 'franceconnect';
/** A FranceConnect access token is a short opaque string; anything much longer is not one. */
const MAX_TOKEN_LENGTH = 4096;

/** What the token says about the citizen, derived once per verified answer (never per request). */
type Derived = Pick<VerifiedConsent, 'subject' | 'subjectRef' | 'scopes'> & { jtiHash: string };

/**
 * What a verified check-token answer leaves in the cache: until the token's `exp` at most. The
 * derived identity, pseudonym and scopes are filled on the first use that passes the operator check.
 */
type Verified = { introspection: TokenIntrospection; exp: number; derived?: Derived };

/** SHA-256 hex: cache keys (the token is a credential) and the journal's jti. */
export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * FranceConnect mode: a citizen's FranceConnect access token is the consent. The token is checked
 * at FranceConnect (CheckTokenClient), then:
 *
 * - it must have been obtained by the calling operator's own FranceConnect client
 *   (`token_introspection.aud`, registered with `hub operator franceconnect-client`), else
 *   CONSENT_INVALID `franceconnect_other_client` — one operator cannot use another's token;
 * - the identity pivot comes from its claims, the consent's scopes from its `scope`
 *   (catalogueScopesOf); the policy then intersects them with the operator's habilitation.
 *
 * Verified answers are cached per token (keyed by its SHA-256, bounded, purged at the token's
 * `exp` at most, so no identity outlives it); concurrent checks of one token share one call.
 */
export class FranceConnectConsents {
  private readonly verified = new LRUCache<string, Verified>({ max: 10_000, ttlAutopurge: true });
  private readonly inFlight = new Map<string, Promise<Verified>>();

  constructor(
    private readonly client: CheckTokenClient,
    private readonly store: Store,
    private readonly subjectKey: string,
    private readonly now: () => number = Date.now,
  ) {}

  async verify(token: string, principal: Principal): Promise<VerifiedConsent | HubError> {
    try {
      if (token.length === 0 || token.length > MAX_TOKEN_LENGTH) throw franceConnectInvalid('franceconnect_malformed');
      const verified = await this.check(token);
      const { introspection } = verified;
      // On every call, cache hit or not: the cached answer is about the token, not about the caller.
      const operator = await this.store.operators.findById(principal.operatorId);
      if (!operator?.franceConnectClientId || operator.franceConnectClientId !== introspection.aud) {
        throw franceConnectInvalid('franceconnect_other_client');
      }
      const { subject, subjectRef: ref, scopes, jtiHash } = (verified.derived ??= this.derive(introspection));
      return {
        id: FRANCECONNECT_CONSENT_ID,
        subject,
        subjectRef: ref,
        scopes,
        purpose: purposeFor(principal, scopes),
        franceConnect: { jtiHash, accessToken: token },
      };
    } catch (error) {
      if (error instanceof HubError) return error;
      throw error;
    }
  }

  /** Identity pivot, subject pseudonym (HMAC), scopes and jti hash of a verified answer. */
  private derive(introspection: TokenIntrospection): Derived {
    let subject;
    try {
      subject = identityFromIntrospection(introspection);
    } catch (error) {
      if (error instanceof IntrospectionClaimError) throw franceConnectInvalid('franceconnect_malformed');
      throw error;
    }
    return {
      subject, subjectRef: subjectRef(this.subjectKey, subject), scopes: catalogueScopesOf(introspection.scope), jtiHash: sha256Hex(introspection.jti),
    };
  }

  private async check(token: string): Promise<Verified> {
    const key = sha256Hex(token);
    const hit = this.verified.get(key);
    if (hit && hit.exp * 1000 > this.now()) return hit;
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const checking = (async () => {
      const introspection = await this.client.check(token);
      const verified = { introspection, exp: introspection.exp };
      const ttl = introspection.exp * 1000 - this.now();
      if (ttl > 0) this.verified.set(key, verified, { ttl });
      return verified;
    })();
    this.inFlight.set(key, checking);
    try {
      return await checking;
    } finally {
      this.inFlight.delete(key);
    }
  }
}

/** The purpose of the habilitation in force that covers most of the token's scopes (the journal's "why"). */
function purposeFor(principal: Principal, scopes: ReadonlySet<string>): string {
  let best = principal.habilitations[0];
  let bestCount = -1;
  for (const h of principal.habilitations) {
    const count = h.scopes.filter((s) => scopes.has(s)).length;
    if (count > bestCount) {
      best = h;
      bestCount = count;
    }
  }
  return best?.purpose ?? 'FranceConnect';
}
