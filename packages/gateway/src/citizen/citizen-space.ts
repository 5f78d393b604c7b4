import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { z } from 'zod';
import { subjectRef } from '@hub/core';
import type { Mount } from '../http/mount.js';
import type { AccessLogReader, OperatorDirectory } from './access-log-reader.js';
import { renderAccessLogPage } from './access-log-page.js';
import { buildAccessLogPage } from './access-log-view.js';
import { CitizenLogin } from './citizen-login.js';
import type { CitizenConsents } from './citizen-consents.js';
import { renderConsentsPage } from './consents-page.js';
import { readCookies, serializeCookie } from './cookies.js';
import { renderHomePage, type CitizenSpaceLink } from './home-page.js';
import { identityFromClaims } from './identity-from-claims.js';
import { loginFailurePage } from './login-failure-page.js';
import { LOGIN_TTL_SECONDS, LoginRoundTrip } from './login-round-trip.js';
import { renderMessagePage } from './message-page.js';
import { readForm } from './read-form.js';
import { CookieSealer } from './sealed-cookie.js';
import { sendHtml, sendJson, sendRedirect } from './send-page.js';

export type CitizenSpaceDeps = {
  /** The hub's public base URL; the space lives at `<publicUrl>/me`, the callback at `/me/callback`. */
  publicUrl: string;
  /** The OpenID Connect provider: FranceConnect, or the sandbox IdP at `<publicUrl>/sandbox/idp`. */
  idp: { issuer: string; clientId: string; clientSecret?: string; allowInsecureHttp?: boolean; internalUrl?: string };
  /** Secret (≥ 16 characters) from which the cookie encryption keys are derived. */
  sessionKey: string;
  /** Secret of the subject pseudonyms: the same as the journal's and the consents'. */
  subjectKey: string;
  accessLog: AccessLogReader;
  operatorNames: OperatorDirectory;
  logger: Logger;
  /** Further sections of the space linked from its home page. */
  links?: readonly CitizenSpaceLink[];
  /** The citizen's consents: enables `/me/consents` (list, withdraw, receipt). */
  consents?: CitizenConsents;
  /** Session lifetime, 30 minutes by default; not extended by activity. */
  sessionTtlSeconds?: number;
  /** Entries per access-log page, 20 by default. */
  pageSize?: number;
  /** Milliseconds since the epoch; tests move it to expire sessions. */
  now?: () => number;
};

/** What a logged-in request carries: the pseudonym of the citizen and the anti-forgery token. */
export type CitizenSession = { subjectRef: string; csrfToken: string };

export type CitizenSpace = Mount & {
  /** The session of a request, for other `/me/...` pages (consents) that share this login. */
  sessionOf(req: IncomingMessage): Promise<CitizenSession | null>;
};

const SESSION_COOKIE = 'hub_citizen_session';
const LOGIN_COOKIE = 'hub_citizen_login';
const MAX_BEFORE = Number.MAX_SAFE_INTEGER;

/** Where to come back after the login: a closed list, so the cookie cannot redirect elsewhere. */
const RETURN_PATHS = { home: '', accessLog: '/access-log', consents: '/consents' } as const;
type ReturnTo = keyof typeof RETURN_PATHS;
const isReturnTo = (value: string): value is ReturnTo => Object.hasOwn(RETURN_PATHS, value);
/** `/consents/<uuid>/withdraw` and `/consents/<uuid>/receipt`. */
const CONSENT_ACTION = /^\/consents\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/(withdraw|receipt)$/;

const SessionClaims = z.object({ sref: z.string().min(1), csrf: z.string().min(16) });

function sameString(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The citizen space, mounted at `/me`: login at the identity provider (OIDC code flow), then the
 * citizen's own access log read from the journal.
 *
 * The only link between the browser and a citizen's journal entries is the subject pseudonym
 * computed here from the *verified* ID token's identity claims, kept in an encrypted cookie: no
 * request parameter can name another subject. Nothing personal is logged; the identity claims
 * live only for the duration of the callback.
 */
export function createCitizenSpace(deps: CitizenSpaceDeps): CitizenSpace {
  const now = deps.now ?? Date.now;
  const base = new URL(deps.publicUrl);
  const secure = base.protocol === 'https:';
  const origin = base.origin;
  const mePath = `${base.pathname.replace(/\/+$/, '')}/me`;
  const paths = {
    home: mePath,
    accessLog: `${mePath}/access-log`,
    logout: `${mePath}/logout`,
    loggedOut: `${mePath}/logged-out`,
    consents: `${mePath}/consents`,
  };
  const sessionTtl = deps.sessionTtlSeconds ?? 1800;
  const pageSize = deps.pageSize ?? 20;
  const sessions = new CookieSealer(deps.sessionKey, 'session', now);
  const log = deps.logger.child({ component: 'citizen-space' });
  const roundTrip = new LoginRoundTrip(new CitizenLogin({
    issuer: deps.idp.issuer,
    clientId: deps.idp.clientId,
    ...(deps.idp.clientSecret ? { clientSecret: deps.idp.clientSecret } : {}),
    redirectUri: `${origin}${mePath}/callback`,
    ...(deps.idp.allowInsecureHttp !== undefined ? { allowInsecureHttp: deps.idp.allowInsecureHttp } : {}),
    ...(deps.idp.internalUrl ? { internalUrl: deps.idp.internalUrl } : {}),
  }), new CookieSealer(deps.sessionKey, 'login', now), LOGIN_COOKIE);
  const links: CitizenSpaceLink[] = [
    { href: paths.accessLog, title: 'Qui a consulté mes données', description: 'Les organismes qui ont obtenu vos données, quand, lesquelles et pourquoi.' },
    ...(deps.consents ? [{ href: paths.consents, title: 'Mes accords', description: 'Les accords que vous avez donnés, leur reçu signé, et le bouton pour les retirer.' }] : []),
    ...(deps.links ?? []),
  ];

  const cookie = (name: string, value: string, maxAgeSeconds: number): string =>
    serializeCookie(name, value, { path: mePath, secure, maxAgeSeconds });
  const clear = (name: string): string => cookie(name, '', 0);

  async function sessionOf(req: IncomingMessage): Promise<CitizenSession | null> {
    const claims = SessionClaims.safeParse(await sessions.open(readCookies(req).get(SESSION_COOKIE)));
    return claims.success ? { subjectRef: claims.data.sref, csrfToken: claims.data.csrf } : null;
  }

  async function startLogin(res: ServerResponse, back: ReturnTo, log: Logger): Promise<void> {
    let begun;
    try {
      begun = await roundTrip.begin(back);
    } catch (error) {
      return loginFailed(res, error, log);
    }
    sendRedirect(res, begun.location, [cookie(LOGIN_COOKIE, begun.sealed, LOGIN_TTL_SECONDS)]);
  }

  function loginFailed(res: ServerResponse, error: unknown, log: Logger, cookies: string[] = []): void {
    const page = loginFailurePage(error, { href: paths.home, label: 'Réessayer' });
    const { code, reason } = error as { code: string; reason: string };
    log.warn({ code, reason }, 'citizen login failed');
    sendHtml(res, page.status, page.html, cookies);
  }

  async function callback(req: IncomingMessage, res: ServerResponse, query: URLSearchParams, log: Logger): Promise<void> {
    const clearLogin = [clear(LOGIN_COOKIE)];
    let ref: string;
    let back: ReturnTo = 'home';
    try {
      const outcome = await roundTrip.complete(req, query);
      if (!outcome.ok) {
        if (outcome.problem === 'cancelled') {
          sendHtml(res, 200, renderMessagePage('Connexion annulée', 'Vous avez annulé la connexion. Votre espace reste accessible quand vous le souhaitez.', { href: paths.home, label: 'Se connecter' }), clearLogin);
        } else if (outcome.problem === 'no_code') {
          sendHtml(res, 400, renderMessagePage('Connexion incomplète', 'Le service d’identification n’a pas renvoyé de code de connexion.', { href: paths.home, label: 'Réessayer' }), clearLogin);
        } else {
          log.warn({ code: outcome.problem }, 'citizen login callback refused');
          sendHtml(res, 400, renderMessagePage('Connexion expirée', 'Cette connexion n’a pas été demandée depuis ce navigateur, ou elle a expiré. Recommencez depuis votre espace.', { href: paths.home, label: 'Se connecter' }), clearLogin);
        }
        return;
      }
      ref = subjectRef(deps.subjectKey, identityFromClaims(outcome.login.claims));
      if (isReturnTo(outcome.back)) back = outcome.back;
    } catch (error) {
      return loginFailed(res, error, log, clearLogin);
    }
    const session = await sessions.seal({ sref: ref, csrf: randomBytes(24).toString('base64url') }, sessionTtl);
    log.info('citizen logged in');
    sendRedirect(res, `${origin}${paths.home}${RETURN_PATHS[back]}`, [...clearLogin, cookie(SESSION_COOKIE, session, sessionTtl)]);
  }

  async function accessLog(res: ServerResponse, session: CitizenSession, query: URLSearchParams, json: boolean): Promise<void> {
    const rawBefore = query.get('before');
    let before: number | undefined;
    if (rawBefore !== null) {
      before = /^[1-9]\d{0,15}$/.test(rawBefore) ? Number(rawBefore) : NaN;
      if (!Number.isSafeInteger(before) || before > MAX_BEFORE) {
        const message = 'Le paramètre « before » doit être un numéro d’entrée du journal (entier positif).';
        if (json) return sendJson(res, 400, { error: 'bad_request', message });
        return sendHtml(res, 400, renderMessagePage('Adresse invalide', message, { href: paths.accessLog, label: 'Voir le journal' }));
      }
    }
    const entries = await deps.accessLog.listForSubject(session.subjectRef, { limit: pageSize + 1, ...(before !== undefined ? { before } : {}) });
    // Defence in depth: the reader is asked for one subject; never show another's entry anyway.
    const own = entries.filter((e) => e.subjectRef === session.subjectRef);
    const operators = await deps.operatorNames([...new Set(own.map((e) => e.operatorId))]);
    const page = buildAccessLogPage(own, operators, pageSize);
    if (json) {
      return sendJson(res, 200, {
        entries: page.items,
        next: page.nextBefore !== null ? `${paths.accessLog}?format=json&before=${page.nextBefore}` : null,
      });
    }
    sendHtml(res, 200, renderAccessLogPage({
      page, older: before !== undefined, selfPath: paths.accessLog, homePath: paths.home, logoutAction: paths.logout, csrfToken: session.csrfToken,
    }));
  }

  /** Same-origin POST carrying the session's anti-forgery token; null (after a 403 page) otherwise. */
  async function checkedPost(req: IncomingMessage, res: ServerResponse, log: Logger, what: string): Promise<{ session: CitizenSession | null; form: URLSearchParams | null } | null> {
    // Browsers send Origin on POST; a cross-site one is refused whatever the form holds.
    const requestOrigin = req.headers.origin;
    const crossSite = (requestOrigin !== undefined && requestOrigin !== origin) || req.headers['sec-fetch-site'] === 'cross-site';
    const session = await sessionOf(req);
    const form = await readForm(req);
    const token = form?.get('csrf') ?? '';
    if (crossSite || (session && !sameString(token, session.csrfToken))) {
      log.warn({ code: crossSite ? 'cross_site' : 'csrf_mismatch' }, `citizen ${what} refused`);
      return null;
    }
    return { session, form };
  }

  async function logout(req: IncomingMessage, res: ServerResponse, log: Logger): Promise<void> {
    if (!(await checkedPost(req, res, log, 'logout'))) {
      sendHtml(res, 403, renderMessagePage('Déconnexion refusée', 'Cette demande de déconnexion ne vient pas de votre espace. Utilisez le bouton « Se déconnecter » de la page.', { href: paths.home, label: 'Votre espace' }));
      return;
    }
    // No session (expired): logging out is already done; clear the cookie all the same.
    sendRedirect(res, `${origin}${paths.loggedOut}`, [clear(SESSION_COOKIE), clear(LOGIN_COOKIE)]);
  }

  async function consentsList(res: ServerResponse, consents: CitizenConsents, session: CitizenSession, query: URLSearchParams): Promise<void> {
    const items = await consents.listForSubject(session.subjectRef);
    const notice = query.get('done') === 'withdrawn' ? 'Votre accord a été retiré. L’organisme ne pourra plus obtenir ces données.' : undefined;
    sendHtml(res, 200, renderConsentsPage({
      items, selfPath: paths.consents, homePath: paths.home, logoutAction: paths.logout, csrfToken: session.csrfToken, ...(notice ? { notice } : {}),
    }));
  }

  async function withdraw(req: IncomingMessage, res: ServerResponse, consents: CitizenConsents, id: string, log: Logger): Promise<void> {
    const checked = await checkedPost(req, res, log, 'withdrawal');
    if (!checked || !checked.session) {
      // Without a session there is no token to compare: refuse as well (never withdraw blindly).
      if (checked) log.warn({ code: 'no_session' }, 'citizen withdrawal refused');
      sendHtml(res, 403, renderMessagePage('Demande refusée', 'Cette demande ne vient pas de votre espace, ou votre session a expiré. Retournez à la liste de vos accords et utilisez le bouton « Retirer mon accord ».', { href: paths.consents, label: 'Mes accords' }));
      return;
    }
    const outcome = await consents.withdraw(id, checked.session.subjectRef);
    if (outcome === 'unknown') {
      sendHtml(res, 404, renderMessagePage('Accord introuvable', 'Cet accord n’existe pas dans votre espace.', { href: paths.consents, label: 'Mes accords' }));
      return;
    }
    log.info({ code: outcome }, 'citizen withdrew a consent');
    sendRedirect(res, `${origin}${paths.consents}?done=withdrawn`);
  }

  async function receipt(res: ServerResponse, consents: CitizenConsents, session: CitizenSession, id: string): Promise<void> {
    const jws = await consents.receipt(id, session.subjectRef);
    if (!jws) {
      sendHtml(res, 404, renderMessagePage('Reçu introuvable', 'Cet accord n’existe pas dans votre espace.', { href: paths.consents, label: 'Mes accords' }));
      return;
    }
    res.writeHead(200, {
      'content-type': 'application/jose; charset=utf-8',
      'content-disposition': `attachment; filename="recu-accord-${id}.jws"`,
      'content-length': Buffer.byteLength(jws),
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    res.end(jws);
  }

  return {
    prefix: '/me',
    sessionOf,
    async handle(req, res, path) {
      const url = new URL(path, 'http://me.invalid');
      const route = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
      const method = req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET');
      const allow = (methods: string): boolean => {
        if (methods.split(', ').includes(method)) return true;
        const allowed = methods || 'GET';
        res.setHeader('allow', allowed);
        sendHtml(res, 405, renderMessagePage('Méthode non autorisée', `Cette adresse accepte seulement : ${allowed}.`));
        return false;
      };
      switch (route) {
        case '/': {
          if (!allow('GET, HEAD')) return;
          const session = await sessionOf(req);
          if (!session) return startLogin(res, 'home', log);
          return sendHtml(res, 200, renderHomePage({ links, logoutAction: paths.logout, csrfToken: session.csrfToken }));
        }
        case '/callback':
          // Not HEAD: a probe must not burn the one-time code.
          if (!allow(req.method === 'HEAD' ? '' : 'GET')) return;
          return callback(req, res, url.searchParams, log);
        case '/access-log': {
          if (!allow('GET, HEAD')) return;
          const json = url.searchParams.get('format') === 'json';
          const session = await sessionOf(req);
          if (!session) {
            if (json) return sendJson(res, 401, { error: 'unauthenticated', message: 'Log in at /me first; the session cookie is missing or expired.' });
            return startLogin(res, 'accessLog', log);
          }
          return accessLog(res, session, url.searchParams, json);
        }
        case '/logout':
          if (!allow('POST')) return;
          return logout(req, res, log);
        case '/consents': {
          if (!deps.consents) break;
          if (!allow('GET, HEAD')) return;
          const session = await sessionOf(req);
          if (!session) return startLogin(res, 'consents', log);
          return consentsList(res, deps.consents, session, url.searchParams);
        }
        case '/logged-out':
          if (!allow('GET, HEAD')) return;
          return sendHtml(res, 200, renderMessagePage('Vous êtes déconnecté', 'Votre session est terminée sur ce navigateur.', { href: paths.home, label: 'Se reconnecter' }));
        default: {
          const action = CONSENT_ACTION.exec(route);
          if (!action || !deps.consents) break;
          const [, id, verb] = action as unknown as [string, string, 'withdraw' | 'receipt'];
          if (verb === 'withdraw') {
            if (!allow('POST')) return;
            return withdraw(req, res, deps.consents, id, log);
          }
          if (!allow('GET, HEAD')) return;
          const session = await sessionOf(req);
          if (!session) return startLogin(res, 'consents', log);
          return receipt(res, deps.consents, session, id);
        }
      }
      return sendHtml(res, 404, renderMessagePage('Page introuvable', 'Cette adresse n’existe pas dans votre espace.', { href: paths.home, label: 'Votre espace' }));
    },
  };
}
