import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { IdentityPivot } from '@hub/core';
import type { Store } from '@hub/store';
import type { Authenticator } from '../auth/authenticator.js';
import type { ConsentService } from '../auth/consent-service.js';
import type { KeyRing } from '../auth/key-ring.js';
import { CitizenLogin } from '../citizen/citizen-login.js';
import { readCookies, serializeCookie } from '../citizen/cookies.js';
import { identityFromClaims } from '../citizen/identity-from-claims.js';
import { loginFailurePage } from '../citizen/login-failure-page.js';
import { LOGIN_TTL_SECONDS, LoginRoundTrip } from '../citizen/login-round-trip.js';
import { renderMessagePage } from '../citizen/message-page.js';
import { readForm } from '../citizen/read-form.js';
import { CookieSealer } from '../citizen/sealed-cookie.js';
import { sendHtml, sendJson, sendRedirect } from '../citizen/send-page.js';
import type { Mount } from '../http/mount.js';
import { checkAuthorizationRequest, parametersOf, pickParameters, s256, type CheckResult, type CheckedRequest } from './authorization-request.js';
import { authorizationRedirect } from './authorization-redirect.js';
import { renderConsentPage } from './consent-page.js';
import { consentText, presentConsent, sha256Hex } from './consent-presentation.js';
import { buildReceipt, CONSENT_RECEIPT_TYPE } from './consent-receipt.js';
import { fieldsForScopes, validateIdentifiers, type IdentifierName } from './identifier-fields.js';
import { authenticateOperator, sendOAuthError } from './operator-endpoint.js';

export type ConsentFlowDeps = {
  /** The hub's public base URL: the flow lives at `<publicUrl>/consent`, withdrawal at `/me/consents`. */
  publicUrl: string;
  /** `iss` of the hub: RFC 9207 `iss` of the redirects, issuer of consent tokens and receipts. */
  issuer: string;
  store: Store;
  consents: ConsentService;
  keyRing: KeyRing;
  authenticator: Authenticator;
  /** The citizen's identity provider, the same as the citizen space's. */
  idp: { issuer: string; clientId: string; clientSecret?: string; allowInsecureHttp?: boolean; internalUrl?: string };
  sessionKey: string;
  logger: Logger;
  /** Sandbox mode: prefill the identifiers a sandbox persona carries (`sandbox_identifiers` claim). */
  sandbox: boolean;
  /** Lifetime of a one-time code, 60 s by default. */
  codeTtlSeconds?: number;
  /** Lifetime of a pushed request_uri, 60 s by default. */
  requestUriTtlSeconds?: number;
  /** Milliseconds since the epoch; tests move it to expire codes and request URIs. */
  now?: () => number;
};

const FLOW_COOKIE = 'hub_consent_flow';
const LOGIN_COOKIE = 'hub_consent_login';
/** Time to log in, read the page and find an avis d'impôt. */
const FLOW_TTL_SECONDS = 1800;
const REQUEST_URI_PREFIX = 'urn:ietf:params:oauth:request_uri:';
/** RFC 7636 §4.1: 43 to 128 unreserved characters. */
const CODE_VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;

const Flow = z.object({
  fid: z.string().min(16),
  csrf: z.string().min(16),
  /** The authorization parameters, re-checked at each step (habilitations may change meanwhile). */
  p: z.record(z.string(), z.string()),
  login: z.object({
    sub: z.string(),
    at: z.number().nullable(),
    id: z.custom<IdentityPivot>((v) => typeof v === 'object' && v !== null),
    /** Sandbox only: the persona's identifiers, to prefill the form. */
    pre: z.record(z.string(), z.string()).optional(),
  }).optional(),
});
type Flow = z.infer<typeof Flow>;

const sha256 = (value: string): string => createHash('sha256').update(value, 'utf8').digest('hex');
const random = (): string => randomBytes(32).toString('base64url');

function sameString(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The citizen consent flow (docs/contract.md "Consent flow"), mounted at `/consent`, with the hub as OAuth 2.0
 * authorization server:
 *
 * - `POST /par` (operator): pushed authorization request (RFC 9126) → `request_uri`, 60 s, once.
 * - `GET /authorize`: checks the request; errors about the client or its redirect URI are shown
 *   to the citizen (never redirected), others go back to the operator (RFC 6749 §4.1.2.1, with
 *   `state` and RFC 9207 `iss`). Then the citizen logs in at the identity provider.
 * - `GET /callback`: the provider's answer; the identity pivot comes from its verified claims.
 * - `GET /review`: the consent page. `POST /decision`: accept (identifiers checked, consent and
 *   receipt stored, one-time code sent back) or refuse (`access_denied`).
 * - `POST /token` (operator): code + PKCE verifier → consent token.
 *
 * The pending request travels in an encrypted cookie (no server-side session), bound to one login
 * (`fid`) and carrying the form's anti-forgery token. Nothing personal or secret is logged.
 */
export function createConsentFlow(deps: ConsentFlowDeps): Mount {
  const now = deps.now ?? Date.now;
  const codeTtl = deps.codeTtlSeconds ?? 60;
  const requestUriTtl = deps.requestUriTtlSeconds ?? 60;
  const base = new URL(deps.publicUrl);
  const secure = base.protocol === 'https:';
  const origin = base.origin;
  const basePath = base.pathname.replace(/\/+$/, '');
  const consentPath = `${basePath}/consent`;
  const withdrawUrl = `${origin}${basePath}/me/consents`;
  const flows = new CookieSealer(deps.sessionKey, 'consent-flow', now);
  const log = deps.logger.child({ component: 'consent-flow' });
  const roundTrip = new LoginRoundTrip(new CitizenLogin({
    issuer: deps.idp.issuer,
    clientId: deps.idp.clientId,
    ...(deps.idp.clientSecret ? { clientSecret: deps.idp.clientSecret } : {}),
    redirectUri: `${origin}${consentPath}/callback`,
    ...(deps.idp.allowInsecureHttp !== undefined ? { allowInsecureHttp: deps.idp.allowInsecureHttp } : {}),
    ...(deps.idp.internalUrl ? { internalUrl: deps.idp.internalUrl } : {}),
  }), new CookieSealer(deps.sessionKey, 'consent-login', now), LOGIN_COOKIE);

  const cookie = (name: string, value: string, maxAgeSeconds: number): string =>
    serializeCookie(name, value, { path: consentPath, secure, maxAgeSeconds });
  const clear = (name: string): string => cookie(name, '', 0);

  const errorPage = (res: ServerResponse, status: number, title: string, message: string, cookies: string[] = []): void =>
    sendHtml(res, status, renderMessagePage(title, message), cookies);

  async function openFlow(req: IncomingMessage): Promise<Flow | null> {
    const parsed = Flow.safeParse(await flows.open(readCookies(req).get(FLOW_COOKIE)));
    return parsed.success ? parsed.data : null;
  }

  /** Answers a failed check: a page, or a redirect to the operator with the error. */
  function refuse(res: ServerResponse, result: Exclude<CheckResult, { ok: true }>, log: Logger, status: 302 | 303, cookies: string[] = []): void {
    if (result.kind === 'page') {
      log.warn({ code: result.reason }, 'consent request refused');
      errorPage(res, 400, 'Demande d’accord invalide', `${result.message} Retournez sur le site de l’organisme et recommencez.`, cookies);
      return;
    }
    log.info({ code: result.error }, 'consent request answered with an error');
    redirect(res, status, authorizationRedirect(result.redirectUri, deps.issuer, result.state, { error: result.error, error_description: result.description }), cookies);
  }

  function redirect(res: ServerResponse, status: 302 | 303, location: string, cookies: string[] = []): void {
    if (status === 303) return sendRedirect(res, location, cookies);
    if (cookies.length > 0) res.setHeader('set-cookie', cookies);
    res.writeHead(302, { location, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
    res.end();
  }

  async function par(req: IncomingMessage, res: ServerResponse, log: Logger): Promise<void> {
    const principal = await authenticateOperator(deps.authenticator, req, res);
    if (!principal) return;
    const form = await readForm(req);
    if (!form) return sendOAuthError(res, 400, 'invalid_request', 'The body must be application/x-www-form-urlencoded and at most 8 KiB.');
    if (form.has('request_uri')) return sendOAuthError(res, 400, 'invalid_request', 'request_uri is not allowed in a pushed authorization request (RFC 9126 §2.1).');
    const picked = pickParameters(form);
    if ('repeated' in picked) return sendOAuthError(res, 400, 'invalid_request', `${picked.repeated} is repeated.`);
    if (picked['client_id'] !== undefined && picked['client_id'] !== principal.operatorId) {
      return sendOAuthError(res, 400, 'invalid_request', 'client_id is not the operator of the Bearer token.');
    }
    const params = { ...picked, client_id: principal.operatorId };
    const checked = await checkAuthorizationRequest(deps.store, params);
    if (!checked.ok) {
      log.info({ code: checked.kind === 'page' ? checked.reason : checked.error }, 'pushed authorization request refused');
      if (checked.kind === 'page') {
        const description = checked.reason === 'invalid_redirect_uri' ? 'redirect_uri is missing or not registered for this client (hub operator redirect-uri add).' : 'A parameter is too long.';
        return sendOAuthError(res, 400, 'invalid_request', description);
      }
      return sendOAuthError(res, 400, checked.error === 'server_error' ? 'invalid_request' : checked.error, checked.description);
    }
    const requestUri = `${REQUEST_URI_PREFIX}${random()}`;
    await deps.store.pushedRequests.add({
      requestUriHash: sha256(requestUri), operatorId: principal.operatorId, parameters: params, expiresAt: new Date(now() + requestUriTtl * 1000),
    });
    sendJson(res, 201, { request_uri: requestUri, expires_in: requestUriTtl });
  }

  async function authorize(req: IncomingMessage, res: ServerResponse, query: URLSearchParams, log: Logger): Promise<void> {
    let params: Record<string, string>;
    const requestUri = query.get('request_uri');
    if (requestUri !== null) {
      const clientId = query.get('client_id') ?? '';
      const stored = requestUri.startsWith(REQUEST_URI_PREFIX) && clientId !== ''
        ? await deps.store.pushedRequests.consume(sha256(requestUri), clientId, new Date(now()))
        : null;
      if (!stored) {
        log.warn({ code: 'invalid_request_uri' }, 'consent request refused');
        return errorPage(res, 400, 'Demande d’accord expirée', 'Cette demande d’accord a expiré ou a déjà servi. Retournez sur le site de l’organisme et recommencez.');
      }
      params = stored;
    } else {
      const picked = pickParameters(query);
      if ('repeated' in picked) {
        return errorPage(res, 400, 'Demande d’accord invalide', `Le paramètre « ${picked.repeated} » est répété. Retournez sur le site de l’organisme et recommencez.`);
      }
      params = picked;
    }
    const checked = await checkAuthorizationRequest(deps.store, params);
    if (!checked.ok) return refuse(res, checked, log, 302);
    const flow: Flow = { fid: random(), csrf: random(), p: parametersOf(checked.request) };
    let begun;
    try {
      begun = await roundTrip.begin(flow.fid);
    } catch (error) {
      const page = loginFailurePage(error, { href: `${consentPath}/authorize?${query.toString()}`, label: 'Réessayer' });
      log.warn({ code: (error as { code?: string }).code }, 'citizen login could not start');
      return sendHtml(res, page.status, page.html);
    }
    sendRedirect(res, begun.location, [
      cookie(FLOW_COOKIE, await flows.seal(flow, FLOW_TTL_SECONDS), FLOW_TTL_SECONDS),
      cookie(LOGIN_COOKIE, begun.sealed, LOGIN_TTL_SECONDS),
    ]);
  }

  async function callback(req: IncomingMessage, res: ServerResponse, query: URLSearchParams, log: Logger): Promise<void> {
    const clearLogin = [clear(LOGIN_COOKIE)];
    const flow = await openFlow(req);
    if (!flow) {
      log.warn({ code: 'no_pending_flow' }, 'consent login callback refused');
      return errorPage(res, 400, 'Demande d’accord expirée', 'Cette demande d’accord n’a pas été faite depuis ce navigateur, ou elle a expiré. Retournez sur le site de l’organisme et recommencez.', clearLogin);
    }
    let login: Flow['login'];
    try {
      const outcome = await roundTrip.complete(req, query);
      if (!outcome.ok || outcome.back !== flow.fid) {
        const problem = outcome.ok ? 'flow_mismatch' : outcome.problem;
        if (problem === 'cancelled') {
          // The citizen gave up at the provider: for the operator, a refusal.
          const checked = await checkAuthorizationRequest(deps.store, flow.p);
          if (!checked.ok) return refuse(res, checked, log, 303, [...clearLogin, clear(FLOW_COOKIE)]);
          return sendRedirect(res, authorizationRedirect(checked.request.redirectUri, deps.issuer, checked.request.state, {
            error: 'access_denied', error_description: 'the citizen cancelled the login',
          }), [...clearLogin, clear(FLOW_COOKIE)]);
        }
        log.warn({ code: problem }, 'consent login callback refused');
        return errorPage(res, 400, 'Connexion expirée', 'Cette connexion n’a pas été demandée depuis ce navigateur, ou elle a expiré. Retournez sur le site de l’organisme et recommencez.', clearLogin);
      }
      const identity = identityFromClaims(outcome.login.claims);
      const pre = deps.sandbox ? sandboxIdentifiers(outcome.login.claims['sandbox_identifiers']) : undefined;
      login = { sub: outcome.login.sub, at: outcome.login.authTime, id: identity, ...(pre ? { pre } : {}) };
    } catch (error) {
      const page = loginFailurePage(error, { href: `${consentPath}/review`, label: 'Revenir à la demande' });
      log.warn({ code: (error as { code?: string }).code, reason: (error as { reason?: string }).reason }, 'citizen login failed');
      return sendHtml(res, page.status, page.html, clearLogin);
    }
    log.info('citizen logged in for a consent');
    sendRedirect(res, `${origin}${consentPath}/review`, [
      ...clearLogin,
      cookie(FLOW_COOKIE, await flows.seal({ ...flow, login }, FLOW_TTL_SECONDS), FLOW_TTL_SECONDS),
    ]);
  }

  function pageInput(request: CheckedRequest, flow: Flow, values: Partial<Record<IdentifierName, string>>, errors: Partial<Record<IdentifierName, string>>) {
    return {
      presentation: presentConsent(request, new Date(now()), withdrawUrl),
      fields: fieldsForScopes(request.scopes),
      values, errors,
      action: `${consentPath}/decision`,
      csrfToken: flow.csrf,
    };
  }

  async function review(req: IncomingMessage, res: ServerResponse, log: Logger): Promise<void> {
    const flow = await openFlow(req);
    if (!flow?.login) {
      return errorPage(res, 400, 'Demande d’accord expirée', 'Aucune demande d’accord n’est en cours dans ce navigateur, ou elle a expiré. Retournez sur le site de l’organisme et recommencez.');
    }
    const checked = await checkAuthorizationRequest(deps.store, flow.p);
    if (!checked.ok) return refuse(res, checked, log, 303, [clear(FLOW_COOKIE)]);
    sendHtml(res, 200, renderConsentPage(pageInput(checked.request, flow, flow.login.pre ?? {}, {})), [], formTargetsOf(checked.request.redirectUri));
  }

  async function decision(req: IncomingMessage, res: ServerResponse, log: Logger): Promise<void> {
    const requestOrigin = req.headers.origin;
    const crossSite = (requestOrigin !== undefined && requestOrigin !== origin) || req.headers['sec-fetch-site'] === 'cross-site';
    const flow = await openFlow(req);
    const form = await readForm(req);
    const token = form?.get('csrf') ?? '';
    if (crossSite || !flow?.login || !form || token === '' || !sameString(token, flow.csrf)) {
      log.warn({ code: crossSite ? 'cross_site' : !flow?.login ? 'no_pending_flow' : 'csrf_mismatch' }, 'consent decision refused');
      return errorPage(res, 403, 'Demande refusée', 'Cette réponse ne vient pas de la page d’accord de Particulier Hub, ou la demande a expiré. Retournez sur le site de l’organisme et recommencez.');
    }
    const checked = await checkAuthorizationRequest(deps.store, flow.p);
    if (!checked.ok) return refuse(res, checked, log, 303, [clear(FLOW_COOKIE)]);
    const request = checked.request;
    const choice = form.get('decision');
    if (choice === 'refuse') {
      log.info({ code: 'access_denied' }, 'citizen refused a consent');
      return sendRedirect(res, authorizationRedirect(request.redirectUri, deps.issuer, request.state, {
        error: 'access_denied', error_description: 'the citizen refused',
      }), [clear(FLOW_COOKIE)]);
    }
    if (choice !== 'accept') {
      return errorPage(res, 400, 'Réponse incomplète', 'Choisissez « J’accepte » ou « Je refuse » sur la page d’accord.');
    }
    const fields = fieldsForScopes(request.scopes);
    const identifiers = validateIdentifiers(fields, form);
    if (Object.keys(identifiers.errors).length > 0) {
      return sendHtml(res, 400, renderConsentPage(pageInput(request, flow, identifiers.typed, identifiers.errors)), [], formTargetsOf(request.redirectUri));
    }
    const at = new Date(now());
    const presentation = presentConsent(request, at, withdrawUrl);
    const text = consentText(presentation);
    const textSha256 = sha256Hex(text);
    const consentId = randomUUID();
    const receipt = buildReceipt({
      consentId, issuer: deps.issuer, controller: request.operator,
      purpose: { code: request.habilitation.purposeCode, text: request.habilitation.purpose, legalBasis: request.habilitation.legalBasis },
      scopes: request.scopes, consentTime: at, expiry: presentation.expiresAt, withdrawUrl, textSha256,
      identityProvider: deps.idp.issuer, authTime: flow.login.at,
    });
    const sign = await deps.keyRing.compactSigner(CONSENT_RECEIPT_TYPE);
    await deps.consents.grant({
      id: consentId, createdAt: at, operatorId: request.operator.id,
      subject: { ...flow.login.id, ...identifiers.values },
      scopes: request.scopes, purpose: request.habilitation.purpose, expiresAt: presentation.expiresAt,
      receipt: await sign(JSON.stringify(receipt)),
      evidence: {
        method: 'consent flow',
        identityProvider: { issuer: deps.idp.issuer, sub: flow.login.sub, authTime: flow.login.at },
        text, textSha256,
        scopes: request.scopes,
        purposeCode: request.habilitation.purposeCode, purpose: request.habilitation.purpose, legalBasis: request.habilitation.legalBasis,
        habilitationId: request.habilitation.id,
        expiresAt: presentation.expiresAt.toISOString(),
      },
    });
    const code = random();
    await deps.store.authorizationCodes.add({
      codeHash: sha256(code), consentId, operatorId: request.operator.id, redirectUri: request.redirectUri,
      codeChallenge: request.codeChallenge, expiresAt: new Date(at.getTime() + codeTtl * 1000),
    });
    log.info('citizen gave a consent');
    sendRedirect(res, authorizationRedirect(request.redirectUri, deps.issuer, request.state, { code }), [clear(FLOW_COOKIE)]);
  }

  async function tokenEndpoint(req: IncomingMessage, res: ServerResponse, log: Logger): Promise<void> {
    const principal = await authenticateOperator(deps.authenticator, req, res);
    if (!principal) return;
    const form = await readForm(req);
    if (!form) return sendOAuthError(res, 400, 'invalid_request', 'The body must be application/x-www-form-urlencoded and at most 8 KiB.');
    for (const name of ['grant_type', 'code', 'redirect_uri', 'code_verifier']) {
      if (form.getAll(name).length > 1) return sendOAuthError(res, 400, 'invalid_request', `${name} is repeated.`);
    }
    const grantType = form.get('grant_type');
    if (!grantType) return sendOAuthError(res, 400, 'invalid_request', 'grant_type is required.');
    if (grantType !== 'authorization_code') return sendOAuthError(res, 400, 'unsupported_grant_type', 'Only grant_type=authorization_code is supported.');
    const code = form.get('code') ?? '';
    const redirectUri = form.get('redirect_uri') ?? '';
    const verifier = form.get('code_verifier') ?? '';
    if (code === '' || code.length > 200) return sendOAuthError(res, 400, 'invalid_request', 'code is required.');
    if (redirectUri === '') return sendOAuthError(res, 400, 'invalid_request', 'redirect_uri is required.');
    if (verifier === '') return sendOAuthError(res, 400, 'invalid_request', 'code_verifier is required (PKCE).');
    if (!CODE_VERIFIER.test(verifier)) return sendOAuthError(res, 400, 'invalid_request', 'code_verifier must be 43 to 128 unreserved characters (RFC 7636 §4.1).');

    const at = new Date(now());
    const redeemed = await deps.store.authorizationCodes.redeem(sha256(code), principal.operatorId, at);
    const grantError = (reason: string, description: string): void => {
      log.info({ code: reason }, 'consent token refused');
      sendOAuthError(res, 400, 'invalid_grant', description);
    };
    if (!redeemed) return grantError('unknown_code', 'The code is unknown, or was issued to another client.');
    if (!redeemed.firstUse) {
      // RFC 6749 §4.1.2: a code used twice may have leaked; what it produced is withdrawn.
      await deps.consents.revoke(redeemed.consentId);
      return grantError('replayed_code', 'The code was already used; the consent it produced is revoked.');
    }
    if (redeemed.expiresAt.getTime() <= at.getTime()) return grantError('expired_code', 'The code has expired.');
    if (redeemed.redirectUri !== redirectUri) return grantError('redirect_uri_mismatch', 'redirect_uri differs from the authorization request.');
    if (!sameString(s256(verifier), redeemed.codeChallenge)) return grantError('pkce_mismatch', 'code_verifier does not match the code_challenge.');
    const consent = await deps.store.consents.findById(redeemed.consentId);
    if (!consent || consent.status !== 'active' || consent.expiresAt.getTime() <= now()) {
      return grantError('consent_inactive', 'The consent of this code is no longer active.');
    }
    const consentToken = await deps.consents.issueToken({ id: consent.id, operatorId: consent.operatorId, expiresAt: consent.expiresAt });
    res.setHeader('pragma', 'no-cache');
    sendJson(res, 200, {
      consent_token: consentToken,
      token_type: 'consent+jwt',
      expires_in: Math.max(0, Math.floor((consent.expiresAt.getTime() - now()) / 1000)),
      scope: consent.scopes.join(' '),
    });
  }

  return {
    prefix: '/consent',
    async handle(req, res, path) {
      const url = new URL(path, 'http://consent.invalid');
      const route = url.pathname.replace(/\/+$/, '') || '/';
      const only = (method: 'GET' | 'POST', json: boolean): boolean => {
        if (req.method === method) return true;
        req.resume();
        res.setHeader('allow', method);
        if (json) sendOAuthError(res, 405, 'invalid_request', `Use ${method} on this endpoint.`);
        else errorPage(res, 405, 'Méthode non autorisée', `Cette adresse accepte seulement : ${method}.`);
        return false;
      };
      switch (route) {
        case '/par':
          if (only('POST', true)) await par(req, res, log);
          return;
        case '/token':
          if (only('POST', true)) await tokenEndpoint(req, res, log);
          return;
        case '/authorize':
          // GET only: a HEAD probe must not burn a pushed request.
          if (only('GET', false)) await authorize(req, res, url.searchParams, log);
          return;
        case '/callback':
          if (only('GET', false)) await callback(req, res, url.searchParams, log);
          return;
        case '/review':
          if (only('GET', false)) await review(req, res, log);
          return;
        case '/decision':
          if (only('POST', false)) await decision(req, res, log);
          return;
        default:
          req.resume();
          errorPage(res, 404, 'Page introuvable', 'Cette adresse n’existe pas.');
      }
    },
  };
}

/** The sandbox IdP's `sandbox_identifiers` claim (personas only), as strings. */
function sandboxIdentifiers(claim: unknown): Record<string, string> | undefined {
  if (typeof claim !== 'object' || claim === null) return undefined;
  const out: Record<string, string> = {};
  for (const name of ['numeroFiscal', 'referenceAvis', 'identifiantFranceTravail', 'ine']) {
    const value = (claim as Record<string, unknown>)[name];
    if (typeof value === 'string') out[name] = value;
  }
  return out;
}

/** The origin the consent page's form ends at (the operator's registered redirect URI), for the CSP. */
function formTargetsOf(redirectUri: string): string[] {
  try {
    const { origin } = new URL(redirectUri);
    return origin === 'null' ? [] : [origin];
  } catch {
    return [];
  }
}
