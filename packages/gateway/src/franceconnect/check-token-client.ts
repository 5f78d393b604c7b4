import { BrokenCircuitError, CircuitState, IsolatedCircuitError, SamplingBreaker, circuitBreaker, handleWhen, type CircuitBreakerPolicy } from 'cockatiel';
import { compactDecrypt, createRemoteJWKSet, decodeProtectedHeader, errors as joseErrors, jwtVerify, type CryptoKey } from 'jose';
import { DEFAULT_UPSTREAM_RESILIENCE, HubError } from '@hub/core';
import { DECRYPTION_ALGS, type DecryptionAlg } from '../auth/encryption-key.js';
import type { FranceConnectConfig } from '../config.js';

/** `reason` of CONSENT_INVALID in FranceConnect mode: the token, or the answer about it, is not acceptable. */
export type FranceConnectInvalidReason =
  | 'franceconnect_inactive' | 'franceconnect_expired' | 'franceconnect_malformed' | 'franceconnect_decryption'
  | 'franceconnect_signature' | 'franceconnect_audience' | 'franceconnect_issuer' | 'franceconnect_other_client';

/** `reason` of PROVIDER_UNAVAILABLE (`provider: "FRANCECONNECT"`): FranceConnect, or our credentials there, failed. */
export type FranceConnectUnavailableReason =
  | 'franceconnect_unavailable' | 'franceconnect_timeout' | 'franceconnect_invalid_client' | 'franceconnect_invalid_request'
  | 'franceconnect_bad_answer' | 'franceconnect_jwks_unavailable';

const INVALID: Record<FranceConnectInvalidReason, string> = {
  franceconnect_inactive: 'FranceConnect says this access token is not active (expired, revoked or unknown).',
  franceconnect_expired: 'The FranceConnect access token has expired.',
  franceconnect_malformed: "FranceConnect's answer about this token is not well formed.",
  franceconnect_decryption: "FranceConnect's answer is not encrypted to the hub's key.",
  franceconnect_signature: "FranceConnect's answer is not signed by FranceConnect.",
  franceconnect_audience: "FranceConnect's answer is addressed to another data provider.",
  franceconnect_issuer: "FranceConnect's answer comes from another issuer.",
  franceconnect_other_client: "The FranceConnect access token was obtained by another operator's FranceConnect client.",
};

/** FranceConnect's own failures, which the circuit breaker counts. */
const COUNTED: ReadonlySet<FranceConnectUnavailableReason> = new Set(['franceconnect_unavailable', 'franceconnect_timeout', 'franceconnect_bad_answer']);

const UNAVAILABLE: Record<FranceConnectUnavailableReason, string> = {
  franceconnect_unavailable: 'FranceConnect cannot be reached.',
  franceconnect_timeout: 'FranceConnect did not answer in time.',
  franceconnect_invalid_client: "FranceConnect refused the hub's client credentials (invalid_client): an operations error.",
  franceconnect_invalid_request: "FranceConnect refused the hub's check-token request (invalid_request).",
  franceconnect_bad_answer: 'FranceConnect answered something other than a token introspection.',
  franceconnect_jwks_unavailable: "FranceConnect's signing keys cannot be fetched.",
};

export function franceConnectInvalid(reason: FranceConnectInvalidReason): HubError {
  return new HubError('CONSENT_INVALID', INVALID[reason], { reason });
}

export function franceConnectUnavailable(reason: FranceConnectUnavailableReason): HubError {
  // A check-token call cut by HUB_FRANCECONNECT_TIMEOUT_MS is a timeout, as for the upstreams.
  return new HubError(reason === 'franceconnect_timeout' ? 'PROVIDER_TIMEOUT' : 'PROVIDER_UNAVAILABLE', UNAVAILABLE[reason], { provider: 'FRANCECONNECT', reason });
}

/** An active token's introspection as FranceConnect signed it (claims checked for presence and type). */
export type TokenIntrospection = Record<string, unknown> & { active: true; aud: string; sub: string; exp: number; jti: string; scope: string };

const SIGNED_CLAIMS = ['aud', 'iat', 'iss', 'token_introspection'];
const SIGNATURE_ALGS = ['ES256', 'RS256'];
/** A check-token answer older than this (or this far in the future) is refused: it is made per call. */
const IAT_WINDOW_SECONDS = 300;
const MAX_ANSWER_BYTES = 64 * 1024;

/**
 * FranceConnect v2's check-token endpoint, as a data provider calls it: POST form-encoded `token`,
 * `client_id`, `client_secret` (nothing else, no Basic auth); the answer is HTTP 200
 * `application/token-introspection+jwt`, a compact JWE to the hub's encryption key (RSA-OAEP-256
 * or RSA-OAEP, A256GCM; no `kid`, so every live key of the hub is tried) around a JWS of
 * FranceConnect (ES256 or RS256, verified against its JWKS: fetched once, cached, refetched on an
 * unknown `kid` by jose's remote key set) whose payload is exactly `{token_introspection, aud,
 * iat, iss}`. Checked: `iss`, `aud` (our client id), `iat`, and the token's `active` and `exp`.
 */
export class CheckTokenClient {
  private readonly jwks: ReturnType<typeof createRemoteJWKSet>;
  private readonly breaker: CircuitBreakerPolicy;
  private readonly halfOpenMs: number;
  private openedAt = 0;

  constructor(
    private readonly config: FranceConnectConfig,
    private readonly decryptionKeys: (alg: DecryptionAlg) => Promise<CryptoKey[]>,
    private readonly now: () => number = Date.now,
  ) {
    this.jwks = createRemoteJWKSet(new URL(config.jwksUrl), { timeoutDuration: config.timeoutMs, cooldownDuration: 30_000, cacheMaxAge: 600_000 });
    // The upstream client's breaker (packages/sources/http/create-upstream-client.ts), same
    // semantics and settings (HUB_UPSTREAM_[FRANCECONNECT_]BREAKER_*): the failure rate over a
    // sliding window with a minimum of calls; only FranceConnect's own failures count
    // (unreachable, 5xx, timeout, not an introspection), never our credentials refused (400/401).
    const settings = { ...DEFAULT_UPSTREAM_RESILIENCE, ...config.resilience };
    this.halfOpenMs = settings.breakerHalfOpenMs;
    this.breaker = circuitBreaker(handleWhen((error) => error instanceof HubError && COUNTED.has(error.extensions.reason as FranceConnectUnavailableReason)), {
      halfOpenAfter: settings.breakerHalfOpenMs,
      breaker: new SamplingBreaker({
        threshold: settings.breakerFailureRate,
        duration: settings.breakerWindowMs,
        minimumRps: settings.breakerMinCalls / (settings.breakerWindowMs / 1000),
      }),
    });
    this.breaker.onBreak(() => {
      this.openedAt = this.now();
    });
  }

  /** The circuit as readiness probes see it. */
  circuit(): 'closed' | 'open' | 'half_open' {
    const state = this.breaker.state;
    return state === CircuitState.Closed ? 'closed' : state === CircuitState.HalfOpen ? 'half_open' : 'open';
  }

  /**
   * Open, or half-open with its single probe in flight: refused at once, no call (cockatiel would
   * let calls arriving during the probe wait for it; the upstream client refuses them too).
   */
  private circuitRefuses(): boolean {
    const state = this.breaker.state;
    if (state === CircuitState.HalfOpen || state === CircuitState.Isolated) return true;
    return state === CircuitState.Open && this.now() - this.openedAt < this.halfOpenMs;
  }

  private circuitOpen(): HubError {
    const remaining = this.breaker.state === CircuitState.HalfOpen ? this.config.timeoutMs : this.openedAt + this.halfOpenMs - this.now();
    return new HubError('PROVIDER_UNAVAILABLE', 'FranceConnect is unavailable (circuit open after repeated failures).', {
      provider: 'FRANCECONNECT', reason: 'circuit_open', retryAfter: Math.max(1, Math.ceil(remaining / 1000)),
    });
  }

  /** The check-token POST through the circuit breaker. */
  private async guardedPost(token: string): Promise<string> {
    if (this.circuitRefuses()) throw this.circuitOpen();
    try {
      return await this.breaker.execute(() => this.post(token));
    } catch (error) {
      if (error instanceof BrokenCircuitError || error instanceof IsolatedCircuitError) throw this.circuitOpen();
      throw error;
    }
  }

  /** The active token's introspection; throws a coded HubError otherwise. */
  async check(token: string): Promise<TokenIntrospection> {
    const jwe = await this.guardedPost(token);
    const jws = await this.decrypt(jwe);
    const payload = await this.verify(jws);
    return this.introspection(payload);
  }

  private async post(token: string): Promise<string> {
    let response: Response;
    try {
      response = await fetch(this.config.checkTokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/token-introspection+jwt' },
        body: new URLSearchParams({ token, client_id: this.config.clientId, client_secret: this.config.clientSecret }).toString(),
        signal: AbortSignal.timeout(this.config.timeoutMs),
        redirect: 'error',
      });
    } catch (error) {
      const name = (error as Error).name;
      throw franceConnectUnavailable(name === 'TimeoutError' || name === 'AbortError' ? 'franceconnect_timeout' : 'franceconnect_unavailable');
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw franceConnectUnavailable((error as Error).name === 'TimeoutError' ? 'franceconnect_timeout' : 'franceconnect_unavailable');
    }
    if (response.status === 401) throw franceConnectUnavailable('franceconnect_invalid_client');
    if (response.status === 400) {
      // An unknown or expired token is a 200 {"active": false}; a 400 names our request, not the citizen.
      throw franceConnectUnavailable(errorOf(text) === 'invalid_client' ? 'franceconnect_invalid_client' : 'franceconnect_invalid_request');
    }
    if (response.status !== 200) throw franceConnectUnavailable('franceconnect_unavailable');
    const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/token-introspection+jwt' || text.length > MAX_ANSWER_BYTES) throw franceConnectUnavailable('franceconnect_bad_answer');
    return text.trim();
  }

  private async decrypt(jwe: string): Promise<string> {
    let alg: unknown;
    try {
      ({ alg } = decodeProtectedHeader(jwe));
    } catch {
      throw franceConnectInvalid('franceconnect_malformed');
    }
    if (jwe.split('.').length !== 5 || !(DECRYPTION_ALGS as readonly unknown[]).includes(alg)) throw franceConnectInvalid('franceconnect_decryption');
    for (const key of await this.decryptionKeys(alg as DecryptionAlg)) {
      try {
        const { plaintext } = await compactDecrypt(jwe, key, { keyManagementAlgorithms: [alg as string], contentEncryptionAlgorithms: ['A256GCM'] });
        return new TextDecoder().decode(plaintext);
      } catch {
        // another live key may be the one (the JWE names none)
      }
    }
    throw franceConnectInvalid('franceconnect_decryption');
  }

  private async verify(jws: string): Promise<Record<string, unknown>> {
    try {
      const { payload } = await jwtVerify(jws, this.jwks, {
        algorithms: SIGNATURE_ALGS, issuer: this.config.issuer, audience: this.config.clientId,
        requiredClaims: ['iat'], currentDate: new Date(this.now()),
      });
      return payload as Record<string, unknown>;
    } catch (error) {
      if (error instanceof joseErrors.JWTClaimValidationFailed) {
        if (error.claim === 'iss') throw franceConnectInvalid('franceconnect_issuer');
        if (error.claim === 'aud') throw franceConnectInvalid('franceconnect_audience');
        throw franceConnectInvalid('franceconnect_malformed');
      }
      if (error instanceof joseErrors.JWKSTimeout) throw franceConnectUnavailable('franceconnect_jwks_unavailable');
      if (error instanceof joseErrors.JWSSignatureVerificationFailed || error instanceof joseErrors.JWKSNoMatchingKey
        || error instanceof joseErrors.JOSEAlgNotAllowed || error instanceof joseErrors.JWKSMultipleMatchingKeys) {
        throw franceConnectInvalid('franceconnect_signature');
      }
      if (error instanceof joseErrors.JWSInvalid || error instanceof joseErrors.JWTInvalid || error instanceof joseErrors.JOSENotSupported) {
        throw franceConnectInvalid('franceconnect_malformed');
      }
      // Anything else comes from fetching the JWKS (connection refused, not JSON, not 200).
      throw franceConnectUnavailable('franceconnect_jwks_unavailable');
    }
  }

  private introspection(payload: Record<string, unknown>): TokenIntrospection {
    const keys = Object.keys(payload).sort();
    if (keys.length !== SIGNED_CLAIMS.length || keys.some((k, i) => k !== SIGNED_CLAIMS[i])) throw franceConnectInvalid('franceconnect_malformed');
    const seconds = Math.floor(this.now() / 1000);
    const iat = payload['iat'] as number;
    if (iat > seconds + 60) throw franceConnectInvalid('franceconnect_malformed');
    if (iat < seconds - IAT_WINDOW_SECONDS) throw franceConnectInvalid('franceconnect_expired');
    const ti = payload['token_introspection'];
    if (typeof ti !== 'object' || ti === null || Array.isArray(ti)) throw franceConnectInvalid('franceconnect_malformed');
    const t = ti as Record<string, unknown>;
    if (t['active'] !== true) throw franceConnectInvalid('franceconnect_inactive');
    for (const claim of ['aud', 'sub', 'jti', 'scope']) {
      if (typeof t[claim] !== 'string' || t[claim] === '') throw franceConnectInvalid('franceconnect_malformed');
    }
    if (typeof t['exp'] !== 'number') throw franceConnectInvalid('franceconnect_malformed');
    if (t['exp'] <= seconds) throw franceConnectInvalid('franceconnect_expired');
    return t as TokenIntrospection;
  }
}

function errorOf(text: string): string | undefined {
  try {
    const body = JSON.parse(text) as { error?: unknown };
    return typeof body.error === 'string' ? body.error : undefined;
  } catch {
    return undefined;
  }
}
