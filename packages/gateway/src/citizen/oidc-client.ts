import { createHash, randomBytes } from 'node:crypto';
import { createRemoteJWKSet, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';
import { CitizenLoginError } from './citizen-login-error.js';
import { verifyIdToken } from './verify-id-token.js';

export type OidcClientOptions = {
  /** The provider's issuer, e.g. `http://localhost:4000/sandbox/idp` or FranceConnect's. */
  issuer: string;
  clientId: string;
  /** Sent with `client_secret_post` when set (FranceConnect requires one; the sandbox ignores it). */
  clientSecret?: string;
  /** Our callback, registered at the provider. */
  redirectUri: string;
  /** Milliseconds since the epoch. */
  now: () => number;
  /** Per call to the provider; 5 s by default. */
  timeoutMs?: number;
};

/** One login attempt's secrets, kept in the login cookie between the redirect and the callback. */
export type LoginAttempt = { state: string; nonce: string; codeVerifier: string };

const url = z.url({ protocol: /^https?$/ });
const Discovery = z.object({
  issuer: z.string(),
  authorization_endpoint: url,
  token_endpoint: url,
  jwks_uri: url,
});
type Discovery = z.infer<typeof Discovery>;

const TokenResponse = z.object({ id_token: z.string().min(1) });

/** FranceConnect's claims of the identity pivot (FranceConnect ignores what it does not know). */
const SCOPES = 'openid given_name family_name preferred_username birthdate gender birthplace birthcountry';

const random = (): string => randomBytes(32).toString('base64url');

/**
 * A relying party of one OpenID Connect provider (authorization code flow, `state`, `nonce`,
 * PKCE S256). The discovery document and the JWKS are fetched lazily and kept: a provider that is
 * down at start-up does not stop the hub, and a failed discovery is retried on the next login.
 */
export class OidcClient {
  private readonly issuer: string;
  private readonly timeoutMs: number;
  private discovery: Promise<{ metadata: Discovery; keys: JWTVerifyGetKey }> | undefined;

  constructor(private readonly options: OidcClientOptions) {
    this.issuer = options.issuer.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 5000;
  }

  /** Fresh `state`, `nonce` and PKCE verifier for one login. */
  newAttempt(): LoginAttempt {
    return { state: random(), nonce: random(), codeVerifier: random() };
  }

  /** Where to send the browser for this attempt. */
  async authorizationUrl(attempt: LoginAttempt): Promise<string> {
    const { metadata } = await this.discover();
    const target = new URL(metadata.authorization_endpoint);
    const params: Record<string, string> = {
      response_type: 'code',
      client_id: this.options.clientId,
      redirect_uri: this.options.redirectUri,
      scope: SCOPES,
      state: attempt.state,
      nonce: attempt.nonce,
      // FranceConnect requires an eIDAS level; a plain login is eidas1.
      acr_values: 'eidas1',
      code_challenge: createHash('sha256').update(attempt.codeVerifier).digest('base64url'),
      code_challenge_method: 'S256',
    };
    for (const [name, value] of Object.entries(params)) target.searchParams.set(name, value);
    return target.toString();
  }

  /**
   * Trades the code at the token endpoint and returns the verified ID token claims. Throws
   * `CitizenLoginError`: `idp_unavailable`, `token_exchange_refused` or `id_token_invalid`.
   */
  async redeem(code: string, attempt: LoginAttempt): Promise<JWTPayload> {
    const { metadata, keys } = await this.discover();
    const form = new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: this.options.redirectUri,
      client_id: this.options.clientId,
      code_verifier: attempt.codeVerifier,
    });
    if (this.options.clientSecret) form.set('client_secret', this.options.clientSecret);
    let response: Response;
    try {
      response = await fetch(metadata.token_endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: form,
        redirect: 'error',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch {
      throw new CitizenLoginError('idp_unavailable', 'token endpoint unreachable');
    }
    const body: unknown = await response.json().catch(() => undefined);
    if (response.status === 400 || response.status === 401) {
      const error = typeof body === 'object' && body !== null && 'error' in body ? String(body.error) : 'unknown';
      throw new CitizenLoginError('token_exchange_refused', `token endpoint: ${error.slice(0, 40)}`);
    }
    const parsed = TokenResponse.safeParse(body);
    if (!response.ok || !parsed.success) {
      throw new CitizenLoginError('idp_unavailable', `token endpoint answered ${response.status}`);
    }
    return verifyIdToken(parsed.data.id_token, keys, {
      issuer: metadata.issuer,
      clientId: this.options.clientId,
      nonce: attempt.nonce,
      now: this.options.now(),
    });
  }

  private discover(): Promise<{ metadata: Discovery; keys: JWTVerifyGetKey }> {
    this.discovery ??= this.fetchDiscovery().catch((error: unknown) => {
      this.discovery = undefined;
      throw error;
    });
    return this.discovery;
  }

  private async fetchDiscovery(): Promise<{ metadata: Discovery; keys: JWTVerifyGetKey }> {
    let body: unknown;
    try {
      const response = await fetch(`${this.issuer}/.well-known/openid-configuration`, {
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      if (!response.ok) throw new Error(`status ${response.status}`);
      body = await response.json();
    } catch {
      throw new CitizenLoginError('idp_unavailable', 'discovery document unreachable');
    }
    const parsed = Discovery.safeParse(body);
    if (!parsed.success) throw new CitizenLoginError('idp_unavailable', 'discovery document malformed');
    // OIDC Discovery §4.3: the document must name the issuer we asked, or it is someone else's.
    if (parsed.data.issuer.replace(/\/+$/, '') !== this.issuer) {
      throw new CitizenLoginError('idp_unavailable', 'discovery issuer mismatch');
    }
    const keys = createRemoteJWKSet(new URL(parsed.data.jwks_uri), { timeoutDuration: this.timeoutMs });
    return { metadata: parsed.data, keys };
  }
}
