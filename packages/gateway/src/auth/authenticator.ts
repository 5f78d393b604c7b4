import { LRUCache } from 'lru-cache';
import { decodeProtectedHeader, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import { HubError } from '@hub/core';
import type { Store } from '@hub/store';
import { SIGNING_ALG, type KeyRing } from './key-ring.js';
import type { Principal } from './principal.js';

/** Closed list of reasons given with UNAUTHENTICATED. */
export type UnauthenticatedReason =
  | 'missing_token' | 'malformed_token' | 'token_too_large' | 'unsupported_algorithm' | 'unknown_kid'
  | 'bad_signature' | 'expired' | 'not_yet_valid' | 'wrong_issuer' | 'missing_claims'
  | 'unknown_jti' | 'revoked' | 'operator_deleted' | 'wrong_token_type';

const MESSAGES: Record<UnauthenticatedReason, string> = {
  missing_token: 'An operator token is required: Authorization: Bearer <token>.',
  malformed_token: 'The operator token is not a well-formed JWS compact token.',
  token_too_large: 'The Authorization header is too large to hold an operator token.',
  unsupported_algorithm: `The operator token must be signed with ${SIGNING_ALG}.`,
  unknown_kid: 'The operator token names a signing key (kid) the hub does not know or has retired.',
  bad_signature: 'The operator token signature is invalid.',
  expired: 'The operator token has expired.',
  not_yet_valid: 'The operator token is not valid yet (nbf).',
  wrong_issuer: 'The operator token was not issued by this hub (iss).',
  missing_claims: 'The operator token lacks a required claim (sub, jti, exp).',
  unknown_jti: 'The operator token is not known to the hub (jti).',
  revoked: 'The operator token has been revoked.',
  operator_deleted: 'The operator of this token no longer exists.',
  wrong_token_type: 'This is not an operator token (a consent token goes in person(consent:)).',
};

export function unauthenticated(reason: UnauthenticatedReason): HubError {
  return new HubError('UNAUTHENTICATED', MESSAGES[reason], { reason });
}

/** Longest token accepted; an ES256 operator token is ~400 bytes. */
const MAX_TOKEN_LENGTH = 2048;

type VerifiedClaims = { sub: string; jti: string; exp: number; kid: string };
type PrincipalEntry = { principal: Principal } | { reason: UnauthenticatedReason };

/**
 * Operator authentication: pinned ES256, `iss`, `exp`, `nbf`, known `kid`, then the `jti` row
 * (exists, not revoked, not expired, live operator) and the habilitations in force.
 *
 * Two bounded caches keep the request path lean: verified signatures (keyed by a hash of the
 * token, kept until the token's own `exp`: a signature does not change), and the database part
 * (keyed by `jti`, kept `ttlSeconds` ≤ 5) — so a revocation, a deleted operator or a new
 * habilitation takes effect within `ttlSeconds` on every instance, the database staying
 * authoritative.
 */
export class Authenticator {
  private readonly verified = new LRUCache<string, VerifiedClaims>({ max: 10_000 });
  private readonly principals: LRUCache<string, PrincipalEntry>;

  constructor(
    private readonly store: Store,
    private readonly keyRing: KeyRing,
    private readonly issuer: string,
    ttlSeconds: number,
  ) {
    this.principals = new LRUCache<string, PrincipalEntry>({ max: 10_000, ttl: Math.max(1, ttlSeconds * 1000), ttlAutopurge: false });
    this.ttlSeconds = ttlSeconds;
  }

  private readonly ttlSeconds: number;

  /** Parses `Authorization` and returns the principal, or throws UNAUTHENTICATED with a reason. */
  async authenticate(authorization: string | undefined): Promise<Principal> {
    if (authorization === undefined || authorization.trim() === '') throw unauthenticated('missing_token');
    if (authorization.length > MAX_TOKEN_LENGTH + 7) throw unauthenticated('token_too_large');
    const match = /^Bearer +([A-Za-z0-9_\-.]+)\s*$/i.exec(authorization);
    if (!match) throw unauthenticated('malformed_token');
    const token = match[1]!;
    const claims = await this.verify(token);
    const now = Math.floor(Date.now() / 1000);
    if (claims.exp <= now) throw unauthenticated('expired');

    let entry = this.ttlSeconds > 0 ? this.principals.get(claims.jti) : undefined;
    if (!entry) {
      entry = await this.loadPrincipal(claims);
      if (this.ttlSeconds > 0) this.principals.set(claims.jti, entry);
    }
    if ('reason' in entry) throw unauthenticated(entry.reason);
    // The row is cached by jti: a token naming that jti for another operator is not that token.
    if (entry.principal.operatorId !== claims.sub) throw unauthenticated('unknown_jti');
    return entry.principal;
  }

  private async verify(token: string): Promise<VerifiedClaims> {
    // Keyed by the token itself (≤ 2 KB, bounded LRU): hashing it would cost more than the lookup.
    const cacheKey = token;
    const hit = this.verified.get(cacheKey);
    // A cached signature still needs its key to be live: retiring a key ends its tokens.
    if (hit) {
      if (await this.keyRing.publicKey(hit.kid)) return hit;
      this.verified.delete(cacheKey);
      throw unauthenticated('unknown_kid');
    }

    let header;
    try {
      header = decodeProtectedHeader(token);
    } catch {
      throw unauthenticated('malformed_token');
    }
    if (header.alg !== SIGNING_ALG) throw unauthenticated('unsupported_algorithm');
    if (header.typ !== undefined && header.typ !== 'JWT') throw unauthenticated('wrong_token_type');
    if (typeof header.kid !== 'string' || header.kid === '') throw unauthenticated('unknown_kid');
    const key = await this.keyRing.publicKey(header.kid);
    if (!key) throw unauthenticated('unknown_kid');

    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, key, { algorithms: [SIGNING_ALG], issuer: this.issuer, clockTolerance: 5 }));
    } catch (error) {
      throw unauthenticated(reasonOf(error));
    }
    if (typeof payload.sub !== 'string' || typeof payload.jti !== 'string' || typeof payload.exp !== 'number') {
      throw unauthenticated('missing_claims');
    }
    const claims = { sub: payload.sub, jti: payload.jti, exp: payload.exp, kid: header.kid };
    this.verified.set(cacheKey, claims, { ttl: Math.max(1, claims.exp * 1000 - Date.now()) });
    return claims;
  }

  private async loadPrincipal(claims: VerifiedClaims): Promise<PrincipalEntry> {
    const row = await this.store.apiTokens.findWithOperator(claims.jti);
    if (!row || row.operatorId !== claims.sub) return { reason: 'unknown_jti' };
    if (row.revokedAt) return { reason: 'revoked' };
    if (row.expiresAt.getTime() <= Date.now()) return { reason: 'expired' };
    if (row.operator.deletedAt) return { reason: 'operator_deleted' };
    const habilitations = await this.store.habilitations.listInForce(row.operatorId);
    return {
      principal: {
        operatorId: row.operatorId,
        operatorName: row.operator.name,
        siret: row.operator.siret,
        jti: row.jti,
        tokenExpiresAt: row.expiresAt,
        habilitations,
        scopes: new Set(habilitations.flatMap((h) => h.scopes)),
      },
    };
  }
}

function reasonOf(error: unknown): UnauthenticatedReason {
  if (error instanceof joseErrors.JWTExpired) return 'expired';
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.claim === 'nbf') return 'not_yet_valid';
    if (error.claim === 'iss') return 'wrong_issuer';
    if (error.claim === 'iat') return 'not_yet_valid';
    return 'missing_claims';
  }
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'bad_signature';
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return 'unsupported_algorithm';
  return 'malformed_token';
}
