import DataLoader from 'dataloader';
import { LRUCache } from 'lru-cache';
import { decodeProtectedHeader, errors as joseErrors, jwtVerify } from 'jose';
import { HubError, subjectRef, type SubjectIdentity } from '@hub/core';
import type { ConsentForQuery, Store } from '@hub/store';
import { SIGNING_ALG, type KeyRing } from './key-ring.js';
import { pacedBatchSchedule } from './paced-schedule.js';

/** `typ` of consent tokens: an operator token can never pass for a consent, nor the reverse. */
export const CONSENT_TOKEN_TYPE = 'consent+jwt';

export type ConsentInvalidReason =
  | 'malformed' | 'too_large' | 'unsupported_algorithm' | 'wrong_token_type' | 'unknown_kid' | 'bad_signature'
  | 'expired' | 'not_yet_valid' | 'wrong_issuer' | 'wrong_audience' | 'unknown_consent' | 'revoked';

const MESSAGES: Record<ConsentInvalidReason, string> = {
  malformed: 'The consent token is not a well-formed JWS.',
  too_large: 'The consent token is too large.',
  unsupported_algorithm: `The consent token must be signed with ${SIGNING_ALG}.`,
  wrong_token_type: `The consent token must have typ "${CONSENT_TOKEN_TYPE}".`,
  unknown_kid: 'The consent token names a signing key the hub does not know or has retired.',
  bad_signature: 'The consent token signature is invalid.',
  expired: 'The consent has expired.',
  not_yet_valid: 'The consent token is not valid yet.',
  wrong_issuer: 'The consent token was not issued by this hub.',
  wrong_audience: 'The consent was given to another operator.',
  unknown_consent: 'The consent is not known to the hub.',
  revoked: 'The citizen has revoked this consent.',
};

export function consentInvalid(reason: ConsentInvalidReason): HubError {
  return new HubError('CONSENT_INVALID', MESSAGES[reason], { reason });
}

/** A consent that passed every check, for one request. Holds personal data: never cache it. */
export type VerifiedConsent = {
  id: string;
  subject: SubjectIdentity;
  subjectRef: string;
  scopes: ReadonlySet<string>;
  purpose: string;
  /** FranceConnect mode: the token is the consent (no consent row). `jtiHash`: SHA-256 of its
   * `jti`, for the journal; `accessToken`: for a source that forwards it (FranceConnect-only routes). */
  franceConnect?: { jtiHash: string; accessToken: string };
};

const MAX_CONSENT_TOKEN_LENGTH = 2048;

/**
 * Consents and their tokens. A consent token is a JWS of the hub (ES256, `typ` consent+jwt) naming
 * the consent (`sub`), addressed to one operator (`aud`), expiring with the consent. Verification
 * checks the signature and claims, then the database row (status, expiry, operator) — the
 * database is authoritative, so a revocation takes effect at the next query.
 */
type VerifiedSignature = { consentId: string; audience: string; exp: number; kid: string };

/** Metrics and tracing of consents (docs/operations.md#metrics); the hub sets one when observing. */
export type ConsentObserver = {
  /** Wraps the database read of one request's consents (`rows` in token order: a row, null, or an Error). */
  read<T>(count: number, run: () => Promise<readonly T[]>): Promise<readonly T[]>;
  granted(): void;
  withdrawn(): void;
};

export class ConsentService {
  /** Set once by the hub when metrics or tracing are on. */
  observer: ConsentObserver | null = null;

  /**
   * Verified signatures, keyed by the token, kept until the token's `exp`: an ES256
   * verification costs more CPU than the whole GraphQL pipeline, and a signature never changes.
   * Holds consent ids only (no identity, no scopes); the row is read from the database on every
   * request, so a revocation applies at the next query.
   */
  private readonly signatures = new LRUCache<string, VerifiedSignature>({ max: 50_000 });

  /**
   * Consent rows read by concurrent requests are fetched together (a batch, not a cache:
   * `cache: false`, every request reads the current status). Each caller receives only the rows
   * it asked for. Batches are paced: an idle hub queries at once (end of the I/O phase), but a
   * batch that would start less than `batchIntervalMs` after the previous one waits for the rest
   * of that interval, gathering the requests that arrive meanwhile. Under load this turns one
   * query per request into one query per interval (each statement costs PostgreSQL far more
   * than each extra row: ~100 µs vs a few), for at most `batchIntervalMs` of added latency.
   */
  private readonly rows: DataLoader<string, ConsentForQuery | null>;

  constructor(
    private readonly store: Store,
    private readonly keyRing: KeyRing,
    private readonly issuer: string,
    private readonly subjectKey: string,
    batchIntervalMs = 1,
  ) {
    this.rows = new DataLoader(async (ids) => {
      const found = await this.store.consents.findByIds([...ids]);
      return ids.map((id) => found.get(id) ?? null);
    }, {
      cache: false,
      maxBatchSize: 500,
      batchScheduleFn: pacedBatchSchedule(batchIntervalMs),
    });
  }

  async grant(input: {
    operatorId: string; subject: SubjectIdentity; scopes: string[]; purpose: string; expiresAt: Date; evidence?: Record<string, unknown>;
    /** The consent flow chooses id, time and receipt itself (the receipt, signed first, names them). */
    id?: string; createdAt?: Date; receipt?: string;
  }): Promise<{ id: string; token: string; expiresAt: string }> {
    const consent = await this.store.consents.add({
      operatorId: input.operatorId,
      subjectRef: subjectRef(this.subjectKey, input.subject),
      subject: input.subject,
      scopes: input.scopes,
      purpose: input.purpose,
      expiresAt: input.expiresAt,
      evidence: input.evidence ?? {},
      ...(input.id ? { id: input.id } : {}),
      ...(input.createdAt ? { createdAt: input.createdAt } : {}),
      ...(input.receipt ? { receipt: input.receipt } : {}),
    });
    this.observer?.granted();
    const token = await this.issueToken({ id: consent.id, operatorId: input.operatorId, expiresAt: input.expiresAt });
    return { id: consent.id, token, expiresAt: input.expiresAt.toISOString() };
  }

  /**
   * A consent token for an existing consent (the consent flow's `/consent/token`). The token names
   * the consent and nothing else: its scopes (and the identity) stay in the database, so the token
   * stays small (100 of them fit in one persons() call) and says nothing.
   */
  async issueToken(consent: { id: string; operatorId: string; expiresAt: Date }): Promise<string> {
    const { token } = await this.keyRing.sign({}, {
      issuer: this.issuer, audience: consent.operatorId, subject: consent.id, expiresAt: consent.expiresAt, typ: CONSENT_TOKEN_TYPE,
    });
    return token;
  }

  /** Verifies consent tokens presented by `operatorId`, one result per token, in order; one
   * database round trip for the whole batch. */
  async verifyMany(tokens: readonly string[], operatorId: string): Promise<(VerifiedConsent | HubError)[]> {
    const claims = await Promise.all(tokens.map((t) => this.verifyToken(t, operatorId).catch((e: unknown) => e as HubError)));
    const ids = [...new Set(claims.filter((c): c is string => typeof c === 'string'))];
    const loaded = ids.length ? await (this.observer ? this.observer.read(ids.length, () => this.rows.loadMany(ids)) : this.rows.loadMany(ids)) : [];
    const rows = new Map<string, ConsentForQuery>();
    for (const row of loaded) {
      if (row instanceof Error) throw row;
      if (row) rows.set(row.id, row);
    }
    const now = Date.now();
    return claims.map((c) => {
      if (typeof c !== 'string') return c;
      const row = rows.get(c);
      if (!row || row.operatorId !== operatorId) return consentInvalid('unknown_consent');
      if (row.status === 'revoked') return consentInvalid('revoked');
      if (row.expiresAt.getTime() <= now) return consentInvalid('expired');
      return { id: row.id, subject: row.subject, subjectRef: row.subjectRef, scopes: new Set(row.scopes), purpose: row.purpose };
    });
  }

  /** Signature and claims; resolves with the consent id. */
  private async verifyToken(token: string, operatorId: string): Promise<string> {
    if (token.length > MAX_CONSENT_TOKEN_LENGTH) throw consentInvalid('too_large');
    const cacheKey = token; // bounded LRU; hashing would cost more than the lookup
    const hit = this.signatures.get(cacheKey);
    if (hit) {
      if (hit.exp * 1000 <= Date.now()) throw consentInvalid('expired');
      if (!(await this.keyRing.publicKey(hit.kid))) throw consentInvalid('unknown_kid');
      if (hit.audience !== operatorId) throw consentInvalid('wrong_audience');
      return hit.consentId;
    }
    const verified = await this.verifySignature(token, operatorId);
    this.signatures.set(cacheKey, verified, { ttl: Math.max(1, verified.exp * 1000 - Date.now()) });
    return verified.consentId;
  }

  private async verifySignature(token: string, operatorId: string): Promise<VerifiedSignature> {
    let header;
    try {
      header = decodeProtectedHeader(token);
    } catch {
      throw consentInvalid('malformed');
    }
    if (header.alg !== SIGNING_ALG) throw consentInvalid('unsupported_algorithm');
    if (header.typ !== CONSENT_TOKEN_TYPE) throw consentInvalid('wrong_token_type');
    const key = typeof header.kid === 'string' ? await this.keyRing.publicKey(header.kid) : null;
    if (!key) throw consentInvalid('unknown_kid');
    try {
      const { payload } = await jwtVerify(token, key, {
        algorithms: [SIGNING_ALG], issuer: this.issuer, audience: operatorId, typ: CONSENT_TOKEN_TYPE, clockTolerance: 5,
      });
      if (typeof payload.sub !== 'string' || typeof payload.exp !== 'number') throw consentInvalid('malformed');
      return { consentId: payload.sub, audience: operatorId, exp: payload.exp, kid: header.kid as string };
    } catch (error) {
      if (error instanceof HubError) throw error;
      if (error instanceof joseErrors.JWTExpired) throw consentInvalid('expired');
      if (error instanceof joseErrors.JWTClaimValidationFailed) {
        if (error.claim === 'aud') throw consentInvalid('wrong_audience');
        if (error.claim === 'iss') throw consentInvalid('wrong_issuer');
        if (error.claim === 'nbf' || error.claim === 'iat') throw consentInvalid('not_yet_valid');
        if (error.claim === 'typ') throw consentInvalid('wrong_token_type');
        throw consentInvalid('malformed');
      }
      if (error instanceof joseErrors.JWSSignatureVerificationFailed) throw consentInvalid('bad_signature');
      throw consentInvalid('malformed');
    }
  }

  async revoke(id: string, subjectRefFilter?: string): Promise<'revoked' | 'already_revoked' | 'unknown'> {
    const outcome = await this.store.consents.revoke(id, subjectRefFilter);
    if (outcome === 'revoked') this.observer?.withdrawn();
    return outcome;
  }
}
