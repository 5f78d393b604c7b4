import type { Persona } from '../personas/persona.js';
import type { ExpiringStore } from './expiring-store.js';
import type { SigningKey } from './signing-key.js';

/** What a citizen's login produced, kept behind an authorization code until it is redeemed. */
export type Login = {
  identity: Persona['identity'];
  /** Only for personas: lets the hub prefill the consent form (claim `sandbox_identifiers`). */
  identifiers?: Persona['identifiers'];
  /** Seconds since the epoch (OIDC `auth_time`). */
  authTime: number;
};

export type PendingCode = {
  clientId: string;
  redirectUri: string;
  scope: string;
  nonce?: string;
  login: Login;
};

/** The claims `/userinfo` returns for an access token. */
export type UserinfoClaims = Record<string, unknown> & { sub: string };

/** What an access token was granted for: the FranceConnect emulation's check-token reads it. */
export type AccessGrant = { clientId: string; scope: string; claims: UserinfoClaims; issuedAt: number; expiresAt: number; jti: string };

/** Everything the endpoints share, built once by `createIdp`. */
export type IdpState = {
  issuer: string;
  personas: ReadonlyMap<string, Persona>;
  personaList: readonly Persona[];
  codeTtlMs: number;
  accessTokenTtlMs: number;
  idTokenTtlSeconds: number;
  now: () => number;
  key: Promise<SigningKey>;
  codes: ExpiringStore<PendingCode>;
  accessTokens: ExpiringStore<UserinfoClaims>;
  /** Same keys as `accessTokens`: the client and scopes each token was issued for. */
  grants: ExpiringStore<AccessGrant>;
  /** Registered redirect URIs (exact strings); null: any http(s) URI. */
  redirectUris: ReadonlySet<string> | null;
};
