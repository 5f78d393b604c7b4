import type { IncomingMessage, ServerResponse } from 'node:http';
import type { JWK } from 'jose';
import type { Persona } from '../personas/persona.js';
import { discoveryDocument } from './discovery-document.js';
import { ExpiringStore } from './expiring-store.js';
import { handleAuthorize } from './handle-authorize.js';
import { handleLogout } from './handle-logout.js';
import { handleToken } from './handle-token.js';
import { handleUserinfo } from './handle-userinfo.js';
import type { AccessGrant, IdpState, PendingCode, UserinfoClaims } from './idp-state.js';
import { renderMessagePage } from './message-page.js';
import { sendHtml, sendJson } from './send-response.js';
import { createSigningKey } from './signing-key.js';

export type IdpOptions = {
  /** Absolute http(s) URL where the IdP is mounted, e.g. "http://localhost:4000/sandbox/idp". */
  issuer: string;
  /** The personas offered by the picker; the IdP keeps no dataset of its own. */
  personas: Persona[];
  /** Lifetime of an authorization code; 60 s by default. */
  codeTtlSeconds?: number;
  /** Clock in milliseconds since the epoch; tests pass a fake one to expire codes. */
  now?: () => number;
  /**
   * Called with unexpected errors (the client gets a bare 500). Errors carry no personal data by
   * construction, but the caller decides where they go.
   */
  onError?: (error: unknown) => void;
  /**
   * The registered client's redirect URIs (`redirect_uri` and `post_logout_redirect_uri`, exact
   * strings): any other is refused. Absent: any http(s) URI (standalone sandbox for client tests).
   */
  redirectUris?: readonly string[];
};

export type Idp = {
  /** path is relative to the IdP mount, with query string, e.g. "/authorize?client_id=..." */
  handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<void>;
  /**
   * the public JWKS (for tests / the hub in-process). `JWK` is jose's type (the lib has no DOM
   * `JsonWebKey`); it feeds `createLocalJWKSet` directly.
   */
  jwks(): Promise<{ keys: JWK[] }>;
  /** What a live access token was granted for (FranceConnect's check-token emulation); undefined when unknown or expired. */
  grantOf(accessToken: string): AccessGrant | undefined;
};

const DEFAULT_CODE_TTL_SECONDS = 60;
/** Access and ID tokens live ten minutes: long enough for the consent page, short for a sandbox. */
const TOKEN_TTL_SECONDS = 600;

type Route = { methods: readonly string[]; run: (req: IncomingMessage, res: ServerResponse, query: URLSearchParams) => Promise<void> | void };

function normaliseIssuer(issuer: string): string {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw new TypeError('createIdp: issuer must be an absolute URL');
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.search !== '' || url.hash !== '') {
    throw new TypeError('createIdp: issuer must be an http(s) URL without query or fragment');
  }
  return issuer.replace(/\/+$/, '');
}

/**
 * The sandbox identity provider: an OpenID Connect provider shaped like FranceConnect (code flow,
 * ES256 ID tokens, FranceConnect claim names) where the citizen picks a synthetic persona or
 * types an identity pivot instead of authenticating. Development and tests only.
 *
 * The key pair is generated here, asynchronously; requests that need it wait for it.
 */
export function createIdp(opts: IdpOptions): Idp {
  const issuer = normaliseIssuer(opts.issuer);
  const codeTtlSeconds = opts.codeTtlSeconds ?? DEFAULT_CODE_TTL_SECONDS;
  if (!(codeTtlSeconds > 0)) throw new RangeError('createIdp: codeTtlSeconds must be positive');
  const now = opts.now ?? Date.now;
  const personas = new Map<string, Persona>();
  for (const persona of opts.personas) {
    if (!personas.has(persona.id)) personas.set(persona.id, persona);
  }
  const key = createSigningKey();
  // Surface a key generation failure on use, not as an unhandled rejection at creation.
  key.catch(() => undefined);

  const state: IdpState = {
    issuer,
    personas,
    personaList: [...personas.values()],
    codeTtlMs: codeTtlSeconds * 1000,
    accessTokenTtlMs: TOKEN_TTL_SECONDS * 1000,
    idTokenTtlSeconds: TOKEN_TTL_SECONDS,
    now,
    key,
    codes: new ExpiringStore<PendingCode>(now),
    accessTokens: new ExpiringStore<UserinfoClaims>(now),
    grants: new ExpiringStore<AccessGrant>(now),
    redirectUris: opts.redirectUris ? new Set(opts.redirectUris) : null,
  };

  const jwks = async (): Promise<{ keys: JWK[] }> => ({ keys: [{ ...(await key).publicJwk }] });

  const routes: Record<string, Route> = {
    '/.well-known/openid-configuration': {
      methods: ['GET'],
      run: (_req, res) => sendJson(res, 200, discoveryDocument(issuer), { 'cache-control': 'no-cache' }),
    },
    '/authorize': { methods: ['GET', 'POST'], run: (req, res, query) => handleAuthorize(state, req, res, query) },
    '/token': { methods: ['POST'], run: (req, res) => handleToken(state, req, res) },
    '/userinfo': { methods: ['GET', 'POST'], run: (req, res) => handleUserinfo(state, req, res) },
    '/jwks': {
      methods: ['GET'],
      run: async (_req, res) => sendJson(res, 200, await jwks(), { 'cache-control': 'no-cache' }),
    },
    '/logout': { methods: ['GET'], run: (_req, res, query) => handleLogout(res, query, state.redirectUris) },
  };

  return {
    jwks,
    grantOf: (accessToken) => state.grants.get(accessToken),
    async handle(req, res, path) {
      try {
        const url = new URL(path === '' ? '/' : path, 'http://idp.invalid');
        const pathname = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
        const route = Object.hasOwn(routes, pathname) ? routes[pathname] : undefined;
        if (!route) {
          sendHtml(res, 404, renderMessagePage('Page introuvable', 'Cette adresse n’existe pas sur le fournisseur d’identité du bac à sable.'));
          return;
        }
        // HEAD is answered as GET; Node drops the body.
        const method = req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET');
        if (!route.methods.includes(method)) {
          res.setHeader('allow', route.methods.join(', '));
          sendJson(res, 405, { error: 'method_not_allowed', error_description: `Use ${route.methods.join(' or ')}.` });
          return;
        }
        await route.run(req, res, url.searchParams);
      } catch (error) {
        opts.onError?.(error);
        if (res.headersSent) {
          res.destroy();
        } else {
          sendHtml(res, 500, renderMessagePage('Erreur interne', 'Le fournisseur d’identité du bac à sable a rencontré une erreur inattendue.'));
        }
      }
    },
  };
}
