import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { Store } from '@hub/store';
import type { AdminService } from '../admin/admin-service.js';
import { readCookies, serializeCookie } from '../citizen/cookies.js';
import { CookieSealer } from '../citizen/sealed-cookie.js';
import type { Mount } from '../http/mount.js';
import { SANDBOX_FRANCECONNECT } from '@hub/sandbox';
import {
  DEMO_FRANCECONNECT_PATH, DEMO_FRANCECONNECT_QUERY, DEMO_OPERATOR_PATH, DEMO_QUERY, DEMO_REQUEST, demoCallbackUri, demoFranceConnectCallbackUri,
} from './demo-request.js';
import { DEMO_PAGE_CSP, renderDemoHome, renderDemoProblem, renderDemoResult, type DemoLinks, type DemoQueryOutcome } from './demo-operator-page.js';

export type DemoOperatorDeps = {
  /** The hub's public URL: the demo operator's back-end calls the hub there, as any operator would. */
  publicUrl: string;
  /** The hub's `iss`, expected in the authorization response (RFC 9207). */
  issuer: string;
  /** Seals the operator's cookie (PKCE verifier and state, then the consent token). */
  sessionKey: string;
  store: Store;
  /** Issues the demo operator's own token (short-lived, reused until close to expiry). */
  admin: Pick<AdminService, 'issueToken'>;
  logger: Logger;
  now?: () => number;
};

const COOKIE = 'hub_demo_operator';
/** Time to log in and read the consent page. */
const PENDING_TTL_SECONDS = 900;
const CONSENT_COOKIE_TTL_SECONDS = 3600;
const TOKEN_TTL = '1h';
/** A cached operator token is renewed when less than this is left. */
const TOKEN_RENEW_MS = 10 * 60_000;

type Pending = { state: string; verifier: string };
type Held = { consentToken: string; scope: string; consentExp: number };
/** FranceConnect journey: the login request in flight, then the citizen's access token. */
type FranceConnectPending = { state: string; nonce: string };
type FranceConnectHeld = { accessToken: string; scope: string; exp: number };
const FRANCECONNECT_COOKIE_TTL_SECONDS = 600;

const random = (): string => randomBytes(32).toString('base64url');
const s256 = (verifier: string): string => createHash('sha256').update(verifier, 'ascii').digest('base64url');
function sameString(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Sandbox only: `/sandbox/demo-operator`, the web back-end of the demo operator, so that after
 * `npm start` a person can click through the whole consent journey (docs/contract.md "Consent flow"):
 *
 * - `POST /start`: PKCE verifier and `state` kept in an encrypted HttpOnly cookie; the
 *   authorization parameters pushed with `POST /consent/par` (operator token); the browser sent to
 *   `/consent/authorize?client_id=&request_uri=`.
 * - `GET /callback`: `state` and `iss` checked, the code redeemed at `POST /consent/token`; the
 *   consent token replaces the verifier in the cookie, then a redirect to `/result` (a reload of
 *   the callback would replay the code, which revokes the consent).
 * - `GET /result`: `person(consent:)` at `POST /graphql`, shown as the operator's site would.
 *
 * « Se connecter avec FranceConnect » (the hub's FranceConnect mode), as an operator that logs its
 * users in with FranceConnect does — the sandbox IdP plays FranceConnect, with the sandbox's
 * FranceConnect client of the demo operator and its own registered redirect URI:
 *
 * - `POST /franceconnect/start`: `state` and `nonce` in the sealed cookie; the browser sent to the
 *   IdP's `/authorize` (client id, redirect URI, the demo's scopes);
 * - `GET /franceconnect/callback`: `state` checked, the code redeemed at the IdP's `/token` for the
 *   citizen's access token (kept in the sealed cookie), then a redirect to the result;
 * - `GET /franceconnect/result`: `person(franceConnectToken:)` at `POST /graphql`.
 *
 * It talks to the hub over HTTP at its public URL only, exactly like an external operator; it
 * holds no state of its own beyond its operator token.
 */
export function createDemoOperator(deps: DemoOperatorDeps): Mount {
  const now = deps.now ?? Date.now;
  const base = deps.publicUrl.replace(/\/+$/, '');
  const origin = new URL(base).origin;
  const secure = origin.startsWith('https:');
  const pagePath = `${new URL(base).pathname.replace(/\/+$/, '')}${DEMO_OPERATOR_PATH}`;
  const redirectUri = demoCallbackUri(base);
  const fcPath = `${new URL(base).pathname.replace(/\/+$/, '')}${DEMO_FRANCECONNECT_PATH}`;
  const links: DemoLinks = {
    home: pagePath, start: `${pagePath}/start`, result: `${pagePath}/result`, consents: `${new URL(base).pathname.replace(/\/+$/, '')}/me/consents`,
    franceConnectStart: `${fcPath}/start`, franceConnectResult: `${fcPath}/result`,
  };
  const franceConnectRedirectUri = demoFranceConnectCallbackUri(base);
  /** The sandbox IdP plays FranceConnect (sandbox mode only, like this page). */
  const idp = `${base}/sandbox/idp`;
  const sealer = new CookieSealer(deps.sessionKey, 'demo-operator', now);
  const log = deps.logger.child({ component: 'demo-operator' });
  let cached: { operatorId: string; token: string; expiresAt: number } | null = null;

  async function operatorToken(): Promise<{ operatorId: string; token: string } | null> {
    if (cached && cached.expiresAt - now() > TOKEN_RENEW_MS) return cached;
    const demo = (await deps.store.operators.list()).find((o) => o.demo && !o.deletedAt);
    if (!demo) return null;
    const issued = await deps.admin.issueToken({ operator: demo.id, ttl: TOKEN_TTL });
    cached = { operatorId: demo.id, token: issued.token, expiresAt: Date.parse(issued.expiresAt) };
    return cached;
  }

  const cookie = (value: string, maxAge: number): string => serializeCookie(COOKIE, value, { path: pagePath, secure, maxAgeSeconds: maxAge });

  function send(res: ServerResponse, status: number, html: string, cookies: string[] = []): void {
    if (cookies.length > 0) res.setHeader('set-cookie', cookies);
    res.writeHead(status, {
      'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(html),
      'content-security-policy': DEMO_PAGE_CSP, 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY',
      // same-origin, not no-referrer: under no-referrer Chromium sends `Origin: null` with forms.
      'referrer-policy': 'same-origin', 'cache-control': 'no-store',
    });
    res.end(html);
  }
  function redirect(res: ServerResponse, location: string, cookies: string[] = []): void {
    if (cookies.length > 0) res.setHeader('set-cookie', cookies);
    res.writeHead(303, { location, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
    res.end();
  }
  const problem = (res: ServerResponse, status: number, title: string, message: string, detail?: string, cookies: string[] = []): void =>
    send(res, status, renderDemoProblem(links, title, message, detail), cookies);

  async function openCookie(req: IncomingMessage): Promise<Record<string, unknown> | null> {
    return sealer.open(readCookies(req).get(COOKIE));
  }

  /** POSTs a form to the hub with the operator token; the parsed JSON body (or null). */
  async function callHub(route: string, token: string, body: URLSearchParams | string, json = false): Promise<{ status: number; body: Record<string, unknown> | null }> {
    const res = await fetch(`${base}${route}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': json ? 'application/json' : 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body,
      signal: AbortSignal.timeout(15_000),
    });
    const text = await res.text();
    try {
      return { status: res.status, body: JSON.parse(text) as Record<string, unknown> };
    } catch {
      return { status: res.status, body: null };
    }
  }

  const oauthDetail = (body: Record<string, unknown> | null, status: number): string =>
    `HTTP ${status}${typeof body?.['error'] === 'string' ? ` ${body['error']}` : ''}${typeof body?.['error_description'] === 'string' ? ` — ${body['error_description']}` : ''}`;

  async function start(req: IncomingMessage, res: ServerResponse): Promise<void> {
    req.resume();
    const requestOrigin = req.headers.origin;
    if (requestOrigin !== undefined && requestOrigin !== origin) {
      return problem(res, 403, 'Demande refusée', 'Ce formulaire doit être envoyé depuis la page de démonstration.');
    }
    const operator = await operatorToken();
    if (!operator) {
      return send(res, 503, renderDemoHome(links, DEMO_REQUEST, 'Il n’y a pas d’opérateur de démonstration dans cette base : démarrez le hub avec HUB_DEMO=1 (npm start) sur une base vide.'));
    }
    const pending: Pending = { state: random(), verifier: random() };
    const pushed = await callHub('/consent/par', operator.token, new URLSearchParams({
      response_type: 'code',
      client_id: operator.operatorId,
      scope: DEMO_REQUEST.scopes.join(' '),
      purpose: DEMO_REQUEST.purposeCode,
      redirect_uri: redirectUri,
      state: pending.state,
      code_challenge: s256(pending.verifier),
      code_challenge_method: 'S256',
    }));
    const requestUri = pushed.body?.['request_uri'];
    if (pushed.status !== 201 || typeof requestUri !== 'string') {
      if (pushed.status === 401) cached = null;
      log.warn({ status: pushed.status, code: pushed.body?.['error'] }, 'demo operator: pushed authorization request refused');
      return send(res, 502, renderDemoHome(links, DEMO_REQUEST, `Le hub a refusé la demande poussée (${oauthDetail(pushed.body, pushed.status)}). Redémarrez avec npm start : il enregistre l’adresse de retour ${redirectUri} et l’habilitation « ${DEMO_REQUEST.purposeCode} » de l’opérateur de démonstration.`));
    }
    const authorize = new URL(`${base}/consent/authorize`);
    authorize.searchParams.set('client_id', operator.operatorId);
    authorize.searchParams.set('request_uri', requestUri);
    redirect(res, authorize.toString(), [cookie(await sealer.seal({ pending }, PENDING_TTL_SECONDS), PENDING_TTL_SECONDS)]);
  }

  async function callback(req: IncomingMessage, res: ServerResponse, query: URLSearchParams): Promise<void> {
    const clear = [cookie('', 0)];
    const opened = await openCookie(req);
    const pending = opened?.['pending'] as Pending | undefined;
    const state = query.get('state') ?? '';
    if (!pending || typeof pending.state !== 'string' || !sameString(state, pending.state)) {
      log.warn({ code: pending ? 'state_mismatch' : 'no_pending_request' }, 'demo operator: callback refused');
      return problem(res, 400, 'Réponse inattendue', 'Cette réponse ne correspond à aucune demande faite depuis ce navigateur (state absent ou différent), ou la demande a expiré.', undefined, clear);
    }
    // RFC 9207: the answer must come from the authorization server the request went to.
    if (query.get('iss') !== deps.issuer) {
      log.warn({ code: 'iss_mismatch' }, 'demo operator: callback refused');
      return problem(res, 400, 'Réponse inattendue', 'Cette réponse ne vient pas de Particulier Hub (paramètre iss absent ou différent).', undefined, clear);
    }
    const error = query.get('error');
    if (error !== null) {
      log.info({ code: error }, 'demo operator: authorization answered with an error');
      const refused = error === 'access_denied';
      return problem(res, refused ? 200 : 400, refused ? 'Vous avez refusé' : 'La demande a échoué',
        refused ? 'Vous n’avez pas donné votre accord : la mairie n’obtient aucune donnée. Vous pouvez nous envoyer une attestation de quotient familial à la place.' : 'Particulier Hub a refusé la demande d’accord.',
        `${error}${query.get('error_description') ? ` — ${query.get('error_description')}` : ''}`, clear);
    }
    const code = query.get('code');
    if (!code) return problem(res, 400, 'Réponse inattendue', 'La réponse ne contient ni code ni erreur.', undefined, clear);
    const operator = await operatorToken();
    if (!operator) return problem(res, 503, 'Opérateur absent', 'L’opérateur de démonstration n’existe plus.', undefined, clear);
    const answer = await callHub('/consent/token', operator.token, new URLSearchParams({
      grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: pending.verifier,
    }));
    const consentToken = answer.body?.['consent_token'];
    if (answer.status !== 200 || typeof consentToken !== 'string' || answer.body?.['token_type'] !== 'consent+jwt') {
      log.warn({ status: answer.status, code: answer.body?.['error'] }, 'demo operator: code not redeemed');
      return problem(res, 502, 'Jeton non obtenu', 'Le hub n’a pas échangé le code contre un jeton de consentement.', oauthDetail(answer.body, answer.status), clear);
    }
    const expiresIn = typeof answer.body?.['expires_in'] === 'number' ? answer.body['expires_in'] : 0;
    const held: Held = { consentToken, scope: String(answer.body?.['scope'] ?? ''), consentExp: now() + expiresIn * 1000 };
    log.info('demo operator: consent token obtained');
    redirect(res, links.result, [cookie(await sealer.seal({ held }, CONSENT_COOKIE_TTL_SECONDS), CONSENT_COOKIE_TTL_SECONDS)]);
  }

  async function result(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const held = (await openCookie(req))?.['held'] as Held | undefined;
    if (!held || typeof held.consentToken !== 'string') {
      return problem(res, 400, 'Aucun accord en cours', 'Ce navigateur n’a pas de jeton de consentement de la mairie (il a expiré, ou la démarche n’a pas été faite).');
    }
    const operator = await operatorToken();
    if (!operator) return problem(res, 503, 'Opérateur absent', 'L’opérateur de démonstration n’existe plus.');
    const answer = await callHub('/graphql', operator.token, JSON.stringify({ query: DEMO_QUERY, variables: { consent: held.consentToken } }), true);
    if (!answer.body) return problem(res, 502, 'Réponse illisible', 'Le hub a répondu autre chose que du JSON.', `HTTP ${answer.status}`);
    const outcome = { status: answer.status, body: answer.body as DemoQueryOutcome['body'] };
    send(res, 200, renderDemoResult(links, { scope: held.scope, expiresIn: Math.max(0, Math.floor((held.consentExp - now()) / 1000)) }, outcome));
  }

  async function franceConnectStart(req: IncomingMessage, res: ServerResponse): Promise<void> {
    req.resume();
    const requestOrigin = req.headers.origin;
    if (requestOrigin !== undefined && requestOrigin !== origin) {
      return problem(res, 403, 'Demande refusée', 'Ce formulaire doit être envoyé depuis la page de démonstration.');
    }
    const pending: FranceConnectPending = { state: random(), nonce: random() };
    const authorize = new URL(`${idp}/authorize`);
    for (const [name, value] of Object.entries({
      response_type: 'code', client_id: SANDBOX_FRANCECONNECT.operatorClientId, redirect_uri: franceConnectRedirectUri,
      scope: ['openid', ...DEMO_REQUEST.scopes].join(' '), state: pending.state, nonce: pending.nonce, acr_values: 'eidas1',
    })) authorize.searchParams.set(name, value);
    redirect(res, authorize.toString(), [cookie(await sealer.seal({ franceConnectPending: pending }, PENDING_TTL_SECONDS), PENDING_TTL_SECONDS)]);
  }

  async function franceConnectCallback(req: IncomingMessage, res: ServerResponse, query: URLSearchParams): Promise<void> {
    const clear = [cookie('', 0)];
    const pending = (await openCookie(req))?.['franceConnectPending'] as FranceConnectPending | undefined;
    if (!pending || typeof pending.state !== 'string' || !sameString(query.get('state') ?? '', pending.state)) {
      log.warn({ code: pending ? 'state_mismatch' : 'no_pending_request' }, 'demo operator: FranceConnect callback refused');
      return problem(res, 400, 'Réponse inattendue', 'Cette réponse ne correspond à aucune connexion FranceConnect faite depuis ce navigateur (state absent ou différent), ou elle a expiré.', undefined, clear);
    }
    const error = query.get('error');
    if (error !== null) {
      const refused = error === 'access_denied';
      return problem(res, refused ? 200 : 400, refused ? 'Connexion annulée' : 'La connexion a échoué',
        refused ? 'Vous avez annulé la connexion FranceConnect : la mairie n’obtient aucune donnée.' : 'FranceConnect a refusé la connexion.', error, clear);
    }
    const code = query.get('code');
    if (!code) return problem(res, 400, 'Réponse inattendue', 'La réponse ne contient ni code ni erreur.', undefined, clear);
    const answer = await fetch(`${idp}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: franceConnectRedirectUri, client_id: SANDBOX_FRANCECONNECT.operatorClientId }),
      signal: AbortSignal.timeout(15_000),
    });
    const body = (await answer.json().catch(() => null)) as Record<string, unknown> | null;
    const accessToken = body?.['access_token'];
    if (answer.status !== 200 || typeof accessToken !== 'string') {
      log.warn({ status: answer.status, code: body?.['error'] }, 'demo operator: FranceConnect code not redeemed');
      return problem(res, 502, 'Jeton non obtenu', 'FranceConnect n’a pas échangé le code contre un jeton d’accès.', oauthDetail(body, answer.status), clear);
    }
    const expiresIn = typeof body?.['expires_in'] === 'number' ? body['expires_in'] : 60;
    const held: FranceConnectHeld = { accessToken, scope: String(body?.['scope'] ?? ''), exp: now() + expiresIn * 1000 };
    log.info('demo operator: FranceConnect access token obtained');
    redirect(res, links.franceConnectResult, [cookie(await sealer.seal({ franceConnect: held }, FRANCECONNECT_COOKIE_TTL_SECONDS), FRANCECONNECT_COOKIE_TTL_SECONDS)]);
  }

  async function franceConnectResult(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const held = (await openCookie(req))?.['franceConnect'] as FranceConnectHeld | undefined;
    if (!held || typeof held.accessToken !== 'string') {
      return problem(res, 400, 'Pas de connexion FranceConnect', 'Ce navigateur n’a pas de jeton FranceConnect de la mairie (il a expiré, ou la connexion n’a pas été faite).');
    }
    const operator = await operatorToken();
    if (!operator) return problem(res, 503, 'Opérateur absent', 'L’opérateur de démonstration n’existe plus.');
    const answer = await callHub('/graphql', operator.token, JSON.stringify({ query: DEMO_FRANCECONNECT_QUERY, variables: { token: held.accessToken } }), true);
    if (!answer.body) return problem(res, 502, 'Réponse illisible', 'Le hub a répondu autre chose que du JSON.', `HTTP ${answer.status}`);
    const outcome = { status: answer.status, body: answer.body as DemoQueryOutcome['body'] };
    send(res, 200, renderDemoResult(links, { scope: held.scope, expiresIn: Math.max(0, Math.floor((held.exp - now()) / 1000)), franceConnect: true }, outcome));
  }

  return {
    prefix: DEMO_OPERATOR_PATH,
    async handle(req, res, path) {
      const url = new URL(path, 'http://demo.invalid');
      const route = url.pathname.replace(/\/+$/, '') || '/';
      const method = req.method === 'HEAD' ? 'GET' : req.method;
      const routes: Record<string, { method: 'GET' | 'POST'; run: () => Promise<void> }> = {
        '/': { method: 'GET', run: async () => send(res, 200, renderDemoHome(links, DEMO_REQUEST)) },
        '/start': { method: 'POST', run: () => start(req, res) },
        '/callback': { method: 'GET', run: () => callback(req, res, url.searchParams) },
        '/result': { method: 'GET', run: () => result(req, res) },
        '/franceconnect/start': { method: 'POST', run: () => franceConnectStart(req, res) },
        '/franceconnect/callback': { method: 'GET', run: () => franceConnectCallback(req, res, url.searchParams) },
        '/franceconnect/result': { method: 'GET', run: () => franceConnectResult(req, res) },
      };
      const target = Object.hasOwn(routes, route) ? routes[route]! : undefined;
      if (!target) {
        req.resume();
        return problem(res, 404, 'Page introuvable', 'Cette adresse n’existe pas sur le site de démonstration.');
      }
      if (method !== target.method) {
        req.resume();
        res.setHeader('allow', target.method);
        return problem(res, 405, 'Méthode non autorisée', `Cette adresse accepte seulement : ${target.method}.`);
      }
      try {
        await target.run();
      } catch (error) {
        // The hub unreachable at its public URL, most often (HUB_PUBLIC_URL not pointing at it).
        log.error({ err: { message: (error as Error).message } }, 'demo operator failed');
        if (!res.headersSent) problem(res, 502, 'Hub injoignable', `Le serveur de la mairie n’a pas pu joindre Particulier Hub à ${base}.`);
      }
    },
  };
}
