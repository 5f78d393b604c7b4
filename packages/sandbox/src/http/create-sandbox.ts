import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { CallStats } from '../admin/call-stats.js';
import type { FaultConfig } from '../admin/fault-config.js';
import { FaultRegistry } from '../admin/fault-registry.js';
import { createIdp } from '../idp/index.js';
import { createFranceConnect, type FranceConnectClient } from '../franceconnect/create-franceconnect.js';
import { SANDBOX_FRANCECONNECT } from '../franceconnect/sandbox-franceconnect.js';
import { loadCheckTokenCases } from '../franceconnect/staging-check-token-cases.js';
import { franceConnectBearer } from '../routes/franceconnect-bearer.js';
import { personas } from '../personas/personas.js';
import { allRoutes } from '../routes/all-routes.js';
import type { Route } from '../routes/route.js';
import { FranceConnectIdentityCases } from '../staging/france-connect-identity-cases.js';
import { StagingAnswers } from '../staging/staging-answers.js';
import type { Answer } from '../wire/answer.js';
import { dgfipErrorForStatus } from '../wire/dgfip-errors.js';
import { isValidSiret } from '../wire/siret.js';
import { invalidRecipient, invalidToken, missingRecipient } from '../wire/v3-errors.js';
import { WorldIndex } from '../world/world-index.js';
import { world } from '../world/world.js';
import { handleAdmin } from './admin-endpoints.js';
import { queryParams } from './query-params.js';
import { sendJson, sendText } from './send.js';

export type SandboxOptions = {
  /** Bearer token the upstream routes require; default `sandbox`. */
  token?: string;
  /** Absolute URL where the sandbox is mounted, e.g. `http://localhost:4000/sandbox`. */
  publicUrl: string;
  /** Faults in force from the start (the admin endpoint changes them at run time). */
  faults?: FaultConfig[];
  /** Clock for "the current month / school year"; tests pass a fixed one. */
  now?: () => Date;
  /** Redirect URIs registered with the sandbox IdP (the hub's callbacks); absent: any. */
  idpRedirectUris?: readonly string[];
  /** FranceConnect emulation (`/franceconnect/...`): the hub's client there (its id is
   * SANDBOX_FRANCECONNECT.hubClientId) — its secret and the JWKS publishing its encryption key. */
  franceConnect?: { hubClientSecret: string; hubJwksUrl: string };
};

/** The emulation's check-token route, as faults (`PUT /_faults`) name it. */
const CHECK_TOKEN_ROUTE = `${SANDBOX_FRANCECONNECT.path}/checktoken`;

export type Sandbox = {
  /**
   * Handles a request whose path (with query string) is relative to the mount point, e.g.
   * `/v3/dss/quotient_familial/identite?...`, `/_stats` or `/idp/authorize?...`.
   */
  handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<void>;
  /** Releases hung and delayed requests (their sockets are destroyed). */
  close(): Promise<void>;
};

const GARBAGE = '<html><body><h1>502 Bad Gateway</h1>upstream sent an unexpected answer</body></html>';

/** The staging cases never change: parse them once per process. */
let staging: StagingAnswers | undefined;
let franceConnectCases: FranceConnectIdentityCases | undefined;

export function createSandbox(options: SandboxOptions): Sandbox {
  const token = options.token ?? 'sandbox';
  const now = options.now ?? (() => new Date());
  const index = new WorldIndex(world);
  staging ??= StagingAnswers.load();
  const answers = staging;
  franceConnectCases ??= FranceConnectIdentityCases.load();
  const identityCases = franceConnectCases;
  const routes = new Map<string, Route>(allRoutes.map((r) => [r.path, r]));
  const stats = new CallStats();
  const faults = new FaultRegistry(options.faults);
  const closing = new AbortController();
  const idp = createIdp({ issuer: `${options.publicUrl.replace(/\/+$/, '')}/idp`, personas, ...(options.idpRedirectUris ? { redirectUris: options.idpRedirectUris } : {}) });

  const checkTokenCases = loadCheckTokenCases();
  const franceConnectClients: FranceConnectClient[] = options.franceConnect
    ? [{ clientId: SANDBOX_FRANCECONNECT.hubClientId, clientSecret: options.franceConnect.hubClientSecret, jwksUrl: options.franceConnect.hubJwksUrl }]
    : [];
  const franceConnect = createFranceConnect({
    issuer: `${options.publicUrl.replace(/\/+$/, '')}${SANDBOX_FRANCECONNECT.path}`, clients: franceConnectClients, grantOf: (t) => idp.grantOf(t),
  });

  /** Faults on the check-token route: delay, hang, or an error status (FranceConnect down). */
  async function franceConnectFault(res: ServerResponse): Promise<boolean> {
    const fault = faults.for(CHECK_TOKEN_ROUTE);
    if (!fault) return false;
    const delay = (fault.latencyMs ?? 0) + Math.random() * (fault.jitterMs ?? 0);
    if (delay > 0 && !(await sleep(delay, true, { signal: closing.signal }).catch(() => false))) {
      res.destroy();
      return true;
    }
    if (fault.hang) {
      await new Promise<void>((resolve) => {
        res.once('close', resolve);
        closing.signal.addEventListener('abort', () => resolve(), { once: true });
      });
      res.destroy();
      return true;
    }
    const errorRate = fault.errorRate ?? (fault.status !== undefined ? 1 : 0);
    if (errorRate > 0 && Math.random() < errorRate) {
      sendJson(res, fault.status ?? 502, { error: 'server_error', error_description: 'FranceConnect is unavailable (sandbox fault).' });
      return true;
    }
    if (fault.garbage) {
      sendText(res, 200, GARBAGE, 'application/token-introspection+jwt');
      return true;
    }
    return false;
  }

  function answerFor(route: Route, req: IncomingMessage, url: URL): Answer {
    const citizen = route.bearer === 'franceconnect' ? franceConnectBearer(req, checkTokenCases, (t) => idp.grantOf(t)) : undefined;
    if (route.bearer === 'franceconnect' ? !citizen : !authorized(req, token, route.dialect)) {
      return route.dialect === 'v3' ? invalidToken() : dgfipErrorForStatus(401);
    }
    const params = queryParams(url.searchParams);
    const recipient = params.get('recipient')?.[0];
    if (recipient === undefined || recipient === '') {
      return route.dialect === 'v3' ? missingRecipient() : dgfipErrorForStatus(400);
    }
    if (!isValidSiret(recipient)) {
      return route.dialect === 'v3' ? invalidRecipient() : dgfipErrorForStatus(400);
    }
    // Staging cases first: some carry parameters the validation below would refuse; then the
    // `*_with_france_connect` cases, by the pivot derived from their FranceConnect token.
    return answers.lookup(route.path, params) ?? identityCases.lookup(route.path, params) ?? route.answer(params, { index, now: now(), ...(citizen && { franceConnect: citizen }) });
  }

  async function handleUpstream(route: Route, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (req.method !== 'GET') {
      sendJson(res, 405, { error: 'method_not_allowed', message: 'Allowed: GET' }, { allow: 'GET' });
      return;
    }
    stats.record(route.path, queryParams(url.searchParams));
    const fault = faults.for(route.path);
    if (fault) {
      const delay = (fault.latencyMs ?? 0) + Math.random() * (fault.jitterMs ?? 0);
      if (delay > 0) {
        const slept = await sleep(delay, true, { signal: closing.signal }).catch(() => false);
        if (!slept) return void res.destroy();
      }
      if (res.destroyed) return;
      if (fault.hang) {
        await new Promise<void>((resolve) => {
          res.once('close', resolve);
          closing.signal.addEventListener('abort', () => resolve(), { once: true });
        });
        res.destroy();
        return;
      }
      const errorRate = fault.errorRate ?? (fault.status !== undefined ? 1 : 0);
      if (errorRate > 0 && Math.random() < errorRate) {
        const error = route.errorForStatus(fault.status ?? 502);
        sendJson(res, error.status, error.body);
        return;
      }
      if (fault.garbage) {
        sendText(res, 200, GARBAGE, 'application/json; charset=utf-8');
        return;
      }
      if (fault.truncated) {
        const text = JSON.stringify(answerFor(route, req, url).body);
        sendText(res, 200, text.slice(0, Math.max(1, Math.floor(text.length / 2))), 'application/json; charset=utf-8');
        return;
      }
    }
    const answer = answerFor(route, req, url);
    sendJson(res, answer.status, answer.body);
  }

  return {
    async handle(req, res, path) {
      const url = new URL(path, 'http://sandbox.invalid');
      try {
        if (url.pathname === '/idp' || url.pathname.startsWith('/idp/')) {
          await idp.handle(req, res, path.slice('/idp'.length) || '/');
          return;
        }
        if (url.pathname.startsWith(`${SANDBOX_FRANCECONNECT.path}/`)) {
          if (url.pathname === CHECK_TOKEN_ROUTE) {
            stats.record(CHECK_TOKEN_ROUTE, new Map()); // never the token: it is a credential
            if (await franceConnectFault(res)) return;
          }
          await franceConnect.handle(req, res, path.slice(SANDBOX_FRANCECONNECT.path.length));
          return;
        }
        // Call statistics and fault injection answer the sandbox token holder only.
        if (/^\/_(stats|faults)(\/|$)/.test(url.pathname) && !authorized(req, token, 'v3')) {
          sendJson(res, 401, { error: 'unauthorized', message: 'The sandbox admin endpoints need Authorization: Bearer <sandbox token>' });
          return;
        }
        if (await handleAdmin(req, res, url, { stats, faults, routePaths: new Set([...routes.keys(), CHECK_TOKEN_ROUTE]) })) return;
        const route = routes.get(url.pathname);
        if (!route) {
          sendJson(res, 404, { error: 'not_found', message: 'No sandbox route at this path' });
          return;
        }
        await handleUpstream(route, req, res, url);
      } catch {
        // No details: errors could quote parameters, which are personal data.
        sendJson(res, 500, { error: 'internal_error', message: 'Unexpected sandbox error' });
      }
    },
    async close() {
      closing.abort();
    },
  };
}

/** `Authorization: Bearer <token>`; the v2 DGFIP route also took the token as `X-Api-Key`. */
function authorized(req: IncomingMessage, token: string, dialect: Route['dialect']): boolean {
  const header = req.headers.authorization;
  if (header !== undefined && /^Bearer\s+/i.test(header) && header.replace(/^Bearer\s+/i, '').trim() === token) return true;
  return dialect === 'dgfip' && req.headers['x-api-key'] === token;
}
