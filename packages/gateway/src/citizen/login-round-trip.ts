import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { CitizenLogin, type VerifiedLogin } from './citizen-login.js';
import { readCookies } from './cookies.js';
import type { CookieSealer } from './sealed-cookie.js';

/** Long enough to pick a persona or type a FranceConnect password, short for a pending login. */
export const LOGIN_TTL_SECONDS = 600;

const Pending = z.object({
  state: z.string().min(16),
  nonce: z.string().min(16),
  verifier: z.string().min(43),
  /** What the caller wants back after the login (a return path name, a flow id...). */
  back: z.string().max(200),
});

export type LoginOutcome =
  | { ok: true; login: VerifiedLogin; back: string }
  | { ok: false; problem: 'no_pending_login' | 'state_mismatch' | 'cancelled' | 'no_code' };

function sameString(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The browser's round trip to the identity provider, shared by `/me` and `/consent`: `begin`
 * seals the attempt's secrets (state, nonce, PKCE verifier) in a cookie and gives the provider's
 * URL; `complete` checks the callback's `state` against that cookie and redeems the code through
 * `CitizenLogin` (openid-client). A callback without the cookie (another browser) never redeems.
 */
export class LoginRoundTrip {
  constructor(
    private readonly login: CitizenLogin,
    private readonly sealer: CookieSealer,
    readonly cookieName: string,
  ) {}

  /** Throws `CitizenLoginError('idp_unavailable')` when the provider cannot be discovered. */
  async begin(back: string): Promise<{ location: string; sealed: string }> {
    const attempt = this.login.newAttempt();
    const location = await this.login.authorizationUrl(attempt);
    const sealed = await this.sealer.seal({ state: attempt.state, nonce: attempt.nonce, verifier: attempt.codeVerifier, back }, LOGIN_TTL_SECONDS);
    return { location, sealed };
  }

  /** Throws `CitizenLoginError` when the provider refuses the code or the ID token fails a check. */
  async complete(req: IncomingMessage, query: URLSearchParams): Promise<LoginOutcome> {
    const pending = Pending.safeParse(await this.sealer.open(readCookies(req).get(this.cookieName)));
    const state = query.get('state') ?? '';
    if (!pending.success) return { ok: false, problem: 'no_pending_login' };
    if (state === '' || !sameString(state, pending.data.state)) return { ok: false, problem: 'state_mismatch' };
    // access_denied: the citizen cancelled at the provider.
    if (query.has('error')) return { ok: false, problem: 'cancelled' };
    if (!query.get('code')) return { ok: false, problem: 'no_code' };
    const login = await this.login.redeem(query, { state: pending.data.state, nonce: pending.data.nonce, codeVerifier: pending.data.verifier });
    return { ok: true, login, back: pending.data.back };
  }
}
