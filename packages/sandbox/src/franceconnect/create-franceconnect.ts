import type { IncomingMessage, ServerResponse } from 'node:http';
import { CompactEncrypt, SignJWT, importJWK, type CryptoKey, type JWK } from 'jose';
import type { AccessGrant } from '../idp/idp-state.js';
import { createSigningKey } from '../idp/signing-key.js';
import { readFormBody } from '../idp/read-form-body.js';
import { sendJson, sendText } from '../http/send.js';
import { loadCheckTokenCases, type CheckTokenCase } from './staging-check-token-cases.js';

/** A data provider registered at the emulation (FranceConnect's "fournisseur de données"). */
export type FranceConnectClient = {
  clientId: string;
  clientSecret: string;
  /** Where its public encryption key is published (`use: "enc"`): the hub's JWKS. */
  jwksUrl: string;
};

export type FranceConnectOptions = {
  /** Absolute URL of the emulation (`iss` of its answers), e.g. `http://localhost:4000/sandbox/franceconnect`. */
  issuer: string;
  clients: readonly FranceConnectClient[];
  /** The sandbox IdP's access tokens: what each was granted for (undefined: unknown or expired). */
  grantOf: (accessToken: string) => AccessGrant | undefined;
  /** Clock in milliseconds since the epoch. */
  now?: () => number;
};

export type FranceConnect = {
  /** path is relative to the emulation's mount, e.g. `/checktoken` or `/jwks`. */
  handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<void>;
};

/** FranceConnect access tokens live 60 s; a staging case is stamped with that lifetime at answer time. */
const ACCESS_TOKEN_SECONDS = 60;
const FRANCE_COG = '99100';
const FORM_FIELDS = new Set(['token', 'client_id', 'client_secret']);

/**
 * FranceConnect v2's check-token endpoint as a data provider sees it, for the sandbox:
 *
 * - `POST /checktoken`, form-encoded `token`, `client_id`, `client_secret` (no Basic auth, no other
 *   field: `400 invalid_request`; unknown client or wrong secret: `401 invalid_client`);
 * - HTTP 200, `application/token-introspection+jwt`: a compact JWE (`RSA-OAEP-256`, `A256GCM`, no
 *   `kid`) to the client's encryption key (read from its JWKS), around an ES256 JWS (`{alg, kid}`)
 *   of the emulation's own key (published at `GET /jwks`) whose payload is exactly
 *   `{token_introspection, aud, iat, iss}` — `aud` the calling client, `iss` the emulation;
 * - tokens: the staging corpus's `france_connect` cases by their `token` (iat/exp stamped now),
 *   then the sandbox IdP's access tokens (for any persona, with the scopes granted), else
 *   `{"active": false}`.
 */
export function createFranceConnect(options: FranceConnectOptions): FranceConnect {
  const now = options.now ?? Date.now;
  const issuer = options.issuer.replace(/\/+$/, '');
  const key = createSigningKey();
  key.catch(() => undefined);
  const cases = loadCheckTokenCases();
  const clients = new Map(options.clients.map((c) => [c.clientId, c]));
  const encryptionKeys = new Map<string, { at: number; key: Promise<CryptoKey | Uint8Array> }>();

  async function encryptionKeyOf(client: FranceConnectClient): Promise<CryptoKey | Uint8Array> {
    const cached = encryptionKeys.get(client.clientId);
    if (cached && now() - cached.at < 60_000) return cached.key;
    const loading = (async () => {
      const response = await fetch(client.jwksUrl, { signal: AbortSignal.timeout(5_000) });
      const jwks = (await response.json()) as { keys?: JWK[] };
      const jwk = jwks.keys?.find((k) => k.use === 'enc' && k.kty === 'RSA');
      if (!jwk) throw new Error('the client publishes no encryption key');
      return importJWK({ kty: jwk.kty, n: jwk.n, e: jwk.e }, 'RSA-OAEP-256');
    })();
    encryptionKeys.set(client.clientId, { at: now(), key: loading });
    loading.catch(() => encryptionKeys.delete(client.clientId));
    return loading;
  }

  function introspection(token: string): Record<string, unknown> {
    const seconds = Math.floor(now() / 1000);
    const staged: CheckTokenCase | undefined = cases.get(token);
    if (staged) {
      // The corpus's answers date from 2024: same claims, stamped as if issued just now.
      return { ...staged.payload.token_introspection, iat: seconds, exp: seconds + ACCESS_TOKEN_SECONDS };
    }
    const grant = options.grantOf(token);
    if (!grant) return { active: false };
    return grantIntrospection(grant);
  }

  async function checkToken(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readFormBody(req);
    if (!body.ok || req.headers.authorization !== undefined || [...body.form.keys()].some((k) => !FORM_FIELDS.has(k))) {
      sendJson(res, 400, { error: 'invalid_request', error_description: 'POST form-encoded token, client_id and client_secret only.' });
      return;
    }
    const token = body.form.get('token');
    const clientId = body.form.get('client_id');
    const clientSecret = body.form.get('client_secret');
    if (!token || !clientId || !clientSecret) {
      sendJson(res, 400, { error: 'invalid_request', error_description: 'token, client_id and client_secret are required.' });
      return;
    }
    const client = clients.get(clientId);
    if (!client || client.clientSecret !== clientSecret) {
      sendJson(res, 401, { error: 'invalid_client', error_description: 'Unknown client or wrong secret.' });
      return;
    }
    const signing = await key;
    const jws = await new SignJWT({ token_introspection: introspection(token) })
      .setProtectedHeader({ alg: signing.alg, kid: signing.kid })
      .setAudience(client.clientId)
      .setIssuedAt(Math.floor(now() / 1000))
      .setIssuer(issuer)
      .sign(signing.privateKey);
    const jwe = await new CompactEncrypt(new TextEncoder().encode(jws))
      .setProtectedHeader({ alg: 'RSA-OAEP-256', enc: 'A256GCM' })
      .encrypt(await encryptionKeyOf(client));
    sendText(res, 200, jwe, 'application/token-introspection+jwt', { 'cache-control': 'no-store' });
  }

  return {
    async handle(req, res, path) {
      const pathname = new URL(path || '/', 'http://franceconnect.invalid').pathname;
      if (pathname === '/jwks') {
        if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { error: 'method_not_allowed' }, { allow: 'GET' });
        return sendJson(res, 200, { keys: [(await key).publicJwk] }, { 'cache-control': 'public, max-age=60' });
      }
      if (pathname === '/checktoken') {
        if (req.method !== 'POST') return sendJson(res, 405, { error: 'method_not_allowed' }, { allow: 'POST' });
        return checkToken(req, res);
      }
      sendJson(res, 404, { error: 'not_found', message: 'No FranceConnect route at this path' });
    },
  };
}

/** An IdP access token as FranceConnect introspects it: the citizen's civil-register claims. */
function grantIntrospection(grant: AccessGrant): Record<string, unknown> {
  const c = grant.claims as Record<string, unknown>;
  const givenName = typeof c['given_name'] === 'string' ? c['given_name'] : '';
  const bornInFrance = c['birthcountry'] === FRANCE_COG;
  return {
    active: true,
    aud: grant.clientId,
    sub: c['sub'],
    iat: grant.issuedAt,
    exp: grant.expiresAt,
    acr: 'eidas1',
    jti: grant.jti,
    scope: grant.scope,
    gender: c['gender'],
    family_name: c['family_name'],
    given_name: givenName,
    given_name_array: givenName.split(' ').filter(Boolean),
    birthdate: c['birthdate'],
    // FranceConnect sends the birthplace only for people born in France.
    ...(bornInFrance && c['birthplace'] ? { birthplace: c['birthplace'] } : {}),
    birthcountry: c['birthcountry'],
    ...(typeof c['preferred_username'] === 'string' ? { preferred_username: c['preferred_username'] } : {}),
  };
}
