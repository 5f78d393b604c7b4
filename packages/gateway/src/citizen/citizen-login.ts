import * as oidc from 'openid-client';
import { CitizenLoginError } from './citizen-login-error.js';
import { issuerRewritingFetch } from './issuer-rewriting-fetch.js';

export type CitizenLoginOptions = {
  /** The provider's issuer, e.g. `http://localhost:4000/sandbox/idp` or FranceConnect's. */
  issuer: string;
  clientId: string;
  /** Sent with `client_secret_post` when set (FranceConnect requires one; the sandbox ignores it). */
  clientSecret?: string;
  /** Our callback, registered at the provider. */
  redirectUri: string;
  /**
   * Allow a plain-http provider. openid-client refuses http:// by default; by default this is
   * allowed for loopback issuers only (`isLoopbackUrl`), and the composition root allows it for
   * the sandbox IdP.
   */
  allowInsecureHttp?: boolean;
  /** Per call to the provider; 5 s by default. */
  timeoutSeconds?: number;
  /**
   * Where the hub itself reaches the provider when the issuer's address is the browser's only
   * (docker-compose: the issuer `http://localhost:4000/sandbox/idp` is `http://sandbox:4010/idp`
   * inside the network). Every server-side request to a URL under the issuer (discovery, JWKS,
   * token) is sent under this base instead; the issuer string itself, and every check against
   * it, are unchanged.
   */
  internalUrl?: string;
};

/** One login attempt's secrets, kept in a sealed cookie between the redirect and the callback. */
export type LoginAttempt = { state: string; nonce: string; codeVerifier: string };

/** What a verified login yields: the ID token's claims (identity pivot claims, `sub`, `auth_time`). */
export type VerifiedLogin = { claims: Record<string, unknown>; sub: string; authTime: number | null };

/** FranceConnect's claims of the identity pivot (FranceConnect ignores what it does not know). */
const SCOPES = 'openid given_name family_name preferred_username birthdate gender birthplace birthcountry';

/** True for http(s) URLs on 127.0.0.0/8, ::1 or localhost (where plain http stays on the machine). */
export function isLoopbackUrl(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
  } catch {
    return false;
  }
}

/** The claim named by an openid-client / oauth4webapi failure, when it names one. */
function claimOf(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const claim = (current as { claim?: unknown }).claim;
    if (typeof claim === 'string') return claim;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * The citizen's login at an OpenID Connect provider, through openid-client (authorization code
 * flow, `state`, `nonce`, PKCE S256, ID token signature checked against the provider's JWKS).
 * One code path for the citizen space (`/me`) and the consent flow (`/consent`): each creates one
 * with its own callback.
 *
 * Discovery is lazy and kept: a provider that is down at start-up does not stop the hub, and a
 * failed discovery is retried on the next login.
 */
export class CitizenLogin {
  private readonly issuer: string;
  private configuration: Promise<oidc.Configuration> | undefined;

  constructor(private readonly options: CitizenLoginOptions) {
    this.issuer = options.issuer.replace(/\/+$/, '');
  }

  /** Fresh `state`, `nonce` and PKCE verifier for one login. */
  newAttempt(): LoginAttempt {
    return { state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier: oidc.randomPKCECodeVerifier() };
  }

  /** Where to send the browser for this attempt. Throws `CitizenLoginError('idp_unavailable')`. */
  async authorizationUrl(attempt: LoginAttempt): Promise<string> {
    const config = await this.discover();
    return oidc.buildAuthorizationUrl(config, {
      redirect_uri: this.options.redirectUri,
      scope: SCOPES,
      state: attempt.state,
      nonce: attempt.nonce,
      // FranceConnect requires an eIDAS level; a plain login is eidas1.
      acr_values: 'eidas1',
      code_challenge: await oidc.calculatePKCECodeChallenge(attempt.codeVerifier),
      code_challenge_method: 'S256',
    }).toString();
  }

  /**
   * Trades the code of the callback (its query string) at the token endpoint and returns the
   * verified ID token claims. Throws `CitizenLoginError`: `idp_unavailable`,
   * `token_exchange_refused` or `id_token_invalid` (the reason names the check, never a value).
   */
  async redeem(callbackQuery: URLSearchParams, attempt: LoginAttempt): Promise<VerifiedLogin> {
    const config = await this.discover();
    const current = new URL(this.options.redirectUri);
    current.search = callbackQuery.toString();
    let claims: oidc.IDToken | undefined;
    try {
      const tokens = await oidc.authorizationCodeGrant(config, current, {
        pkceCodeVerifier: attempt.codeVerifier,
        expectedState: attempt.state,
        expectedNonce: attempt.nonce,
        idTokenExpected: true,
      });
      claims = tokens.claims();
    } catch (error) {
      throw this.classify(error);
    }
    if (!claims) throw new CitizenLoginError('id_token_invalid', 'no id_token');
    const authTime = typeof claims.auth_time === 'number' ? claims.auth_time : null;
    return { claims: claims as Record<string, unknown>, sub: claims.sub, authTime };
  }

  private classify(error: unknown): CitizenLoginError {
    if (error instanceof oidc.ResponseBodyError) {
      return new CitizenLoginError('token_exchange_refused', `token endpoint: ${error.error.slice(0, 40)}`);
    }
    if (error instanceof oidc.AuthorizationResponseError) {
      return new CitizenLoginError('token_exchange_refused', `authorization response: ${error.error.slice(0, 40)}`);
    }
    if (error instanceof oidc.ClientError) {
      const code = error.code ?? 'unknown';
      const claim = claimOf(error);
      if (claim === 'nonce') return new CitizenLoginError('id_token_invalid', 'nonce mismatch');
      if (code === 'OAUTH_RESPONSE_IS_NOT_CONFORM' || code === 'OAUTH_RESPONSE_IS_NOT_JSON') {
        return new CitizenLoginError('idp_unavailable', `token endpoint: ${code}`);
      }
      return new CitizenLoginError('id_token_invalid', claim ? `${code} (${claim})` : code);
    }
    // fetch failures (TypeError), timeouts (AbortError), JWKS errors: the provider, not the citizen.
    const name = error instanceof Error ? error.name : 'unknown';
    return new CitizenLoginError('idp_unavailable', `provider unreachable (${name})`);
  }

  private discover(): Promise<oidc.Configuration> {
    this.configuration ??= this.fetchConfiguration().catch((error: unknown) => {
      this.configuration = undefined;
      throw error;
    });
    return this.configuration;
  }

  private async fetchConfiguration(): Promise<oidc.Configuration> {
    const { clientId, clientSecret } = this.options;
    let config: oidc.Configuration;
    try {
      config = await oidc.discovery(
        new URL(this.issuer),
        clientId,
        clientSecret ? { client_secret: clientSecret } : undefined,
        clientSecret ? oidc.ClientSecretPost(clientSecret) : oidc.None(),
        {
          timeout: this.options.timeoutSeconds ?? 5,
          ...(this.options.internalUrl ? { [oidc.customFetch]: issuerRewritingFetch(this.issuer, this.options.internalUrl) } : {}),
          ...((this.options.allowInsecureHttp ?? isLoopbackUrl(this.issuer)) ? { execute: [oidc.allowInsecureRequests] } : {}),
        },
      );
    } catch (error) {
      // OIDC Discovery §4.3 (issuer mismatch) is checked by openid-client and lands here too.
      const code = error instanceof oidc.ClientError ? error.code ?? 'error' : error instanceof Error ? error.name : 'error';
      throw new CitizenLoginError('idp_unavailable', `discovery document unreachable (${code})`);
    }
    // Verify the ID token's signature against the provider's JWKS too, not only TLS to the token
    // endpoint: keys outside the published set are refused (OIDC Core §3.1.3.7).
    oidc.enableNonRepudiationChecks(config);
    return config;
  }
}
