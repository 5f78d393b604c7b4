// The whole hub over HTTP, with two operators registered for the consent flow, and helpers that
// drive a browser through authorize → sandbox IdP login → consent page → decision.
import { createHash, randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { personas, type Persona } from '@hub/sandbox';
import { startTestHub, type TestHub } from '../support/test-hub.js';
import { HttpBrowser, hiddenFields, type Hop } from '../citizen/http-browser.js';

export const REDIRECT = 'https://mairie.example/retour';
export const OTHER_REDIRECT = 'https://ccas.example/retour';
export const SCOPES = 'identite_pivot cnaf_quotient_familial';

export function persona(id: string): Persona {
  const found = personas.find((p) => p.id === id);
  if (!found) throw new Error(`no persona ${id}`);
  return found;
}

export type Operator = { id: string; token: string };

export type ConsentFixture = {
  t: TestHub;
  url: string;
  mairie: Operator;
  ccas: Operator;
  logs: string[];
  /** Moves the consent flow's clock (codes, request URIs, cookies). */
  advanceClock(ms: number): void;
  close(): Promise<void>;
};

export async function startConsentFixture(): Promise<ConsentFixture> {
  const logs: string[] = [];
  const logger = pino({ level: 'debug' }, new Writable({ write(chunk, _enc, done) { logs.push(String(chunk)); done(); } }));
  let offset = 0;
  const t = await startTestHub({}, { logger, consentFlow: { now: () => Date.now() + offset } });
  const admin = t.hub.admin;
  const operator = async (name: string, siret: string, redirect: string): Promise<Operator> => {
    const { id } = await admin.addOperator({ name, siret });
    await admin.grantHabilitation({
      operator: id, scopes: 'identite_pivot,cnaf_quotient_familial,cnaf_enfants,dgfip_revenu_fiscal_reference,mesri_admissions',
      purpose: 'Tarification de la restauration scolaire', purposeCode: 'cantine', legalBasis: 'Délibération du conseil municipal 2024-12',
    });
    await admin.addRedirectUri({ operator: id, uri: redirect });
    const { token } = await admin.issueToken({ operator: id });
    return { id, token };
  };
  const mairie = await operator('Mairie de Villeurbanne', '21690266800013', REDIRECT);
  const ccas = await operator('CCAS de Lyon', '21130055300016', OTHER_REDIRECT);
  return {
    t, url: t.url, mairie, ccas, logs,
    advanceClock: (ms) => { offset += ms; },
    close: () => t.close(),
  };
}

export type Pkce = { verifier: string; challenge: string };
export function pkce(): Pkce {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** Authorization parameters for the Mairie, overridable. */
export function authorizeParams(f: ConsentFixture, challenge: string, overrides: Record<string, string | null> = {}): URLSearchParams {
  const params: Record<string, string | null> = {
    client_id: f.mairie.id, scope: SCOPES, purpose: 'cantine', redirect_uri: REDIRECT, state: 'etat-opaque-123',
    code_challenge: challenge, code_challenge_method: 'S256', ...overrides,
  };
  return new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => e[1] !== null));
}

/** The redirect's parameters when it goes to the operator. */
export function backAt(hop: Hop, redirect = REDIRECT): URLSearchParams {
  if (!hop.location?.startsWith(`${redirect}?`)) throw new Error(`expected a redirect to ${redirect}, got ${hop.status} ${hop.location ?? ''}: ${hop.body.slice(0, 300)}`);
  return new URL(hop.location).searchParams;
}

/** authorize → IdP login as `who` → callback → consent page; returns the page and its CSRF token. */
export async function reachConsentPage(f: ConsentFixture, browser: HttpBrowser, authorizeQuery: string, who: Persona): Promise<{ page: Hop; csrf: string }> {
  const start = await browser.get(`${f.url}/consent/authorize?${authorizeQuery}`);
  if (start.status !== 303 || !start.location?.startsWith(`${f.url}/sandbox/idp/authorize`)) {
    throw new Error(`authorize answered ${start.status} ${start.location ?? ''}: ${start.body.slice(0, 300)}`);
  }
  const idpPage = await browser.get(start.location);
  const form = hiddenFields(idpPage.body);
  form.set('persona', who.id);
  const chosen = await browser.postForm(new URL('authorize', start.location).toString(), form);
  if (!chosen.location?.startsWith(`${f.url}/consent/callback?`)) throw new Error(`IdP answered ${chosen.status} ${chosen.location ?? ''}`);
  const callback = await browser.get(chosen.location);
  if (callback.status !== 303 || callback.location !== `${f.url}/consent/review`) throw new Error(`callback answered ${callback.status}: ${callback.body.slice(0, 300)}`);
  const page = await browser.get(callback.location);
  const csrf = /name="csrf" value="([^"]+)"/.exec(page.body)?.[1];
  if (!csrf) throw new Error(`no consent form: ${page.status} ${page.body.slice(0, 300)}`);
  return { page, csrf };
}

/** Posts the decision of the consent page. */
export function decide(f: ConsentFixture, browser: HttpBrowser, fields: Record<string, string>): Promise<Hop> {
  return browser.postForm(`${f.url}/consent/decision`, fields, { origin: f.url });
}

/** POST /consent/token. */
export async function redeem(f: ConsentFixture, operatorToken: string, form: Record<string, string>): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }> {
  const res = await fetch(`${f.url}/consent/token`, {
    method: 'POST',
    headers: { authorization: `Bearer ${operatorToken}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

/** The whole flow up to the code, approved; returns the code and the PKCE verifier. */
export async function approvedCode(f: ConsentFixture, who: Persona, extra: Record<string, string> = {}): Promise<{ code: string; verifier: string; browser: HttpBrowser }> {
  const { verifier, challenge } = pkce();
  const browser = new HttpBrowser();
  const { csrf } = await reachConsentPage(f, browser, authorizeParams(f, challenge).toString(), who);
  const back = backAt(await decide(f, browser, { csrf, decision: 'accept', ...extra }));
  return { code: back.get('code')!, verifier, browser };
}

export { HttpBrowser, hiddenFields };
