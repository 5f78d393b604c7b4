// The consent journey as a citizen and an operator go through it, in a real browser (Debian
// Chromium driven by playwright-core) over the whole hub on a real port:
//
// 1. An operator whose back-end is a standard OAuth client (oauth4webapi, not hand-built requests)
//    pushes its request (PAR), sends the browser to /consent/authorize; the citizen logs in at the
//    sandbox IdP, reads the consent page, accepts; the operator checks the answer (state, iss),
//    redeems the code, queries the graph; the citizen downloads the signed receipt (verified by
//    `hub consent verify`, and refused once one byte is changed), withdraws in /me/consents, and the
//    same query is refused with CONSENT_INVALID.
// 2. The same journey through the sandbox demo operator's page (/sandbox/demo-operator).
//
// Screenshots go to test-artifacts/consent/ (gitignored); axe-core runs on every page shown.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { AxeBuilder } from '@axe-core/playwright';
import * as oauth from 'oauth4webapi';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { prepareDemo, DEMO_OPERATOR_PATH } from '@hub/gateway';
import { personas } from '@hub/sandbox';
import { expect } from '../support/expect.js';
import { poll } from '../support/poll.js';
import { gql, startTestHub, type TestHub } from '../support/test-hub.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  console.warn(`consent-journey.browser.test.ts skipped: ${CHROMIUM} is absent (apt-get install chromium).`);
}

const ROOT = path.resolve(import.meta.dirname, '../..');
const ARTIFACTS = path.join(ROOT, 'test-artifacts', 'consent');
const HUB_CLI = path.join(ROOT, 'packages/cli/bin/hub.js');
const run = promisify(execFile);

/** The operator's registered redirect URI: never reached over the network, the test answers it. */
const REDIRECT = 'https://mairie.example/retour';
const SCOPES = 'identite_pivot cnaf_quotient_familial cnaf_enfants';
const SOPHIE = personas.find((p) => p.id === 'sophie-lambert')!;
const QUERY = '{ person(consent: $consent) { identity { birthName firstNames } family { familyQuotient { value } children { identity { firstNames } } } } }';
const DOCUMENT = `query Cantine($consent: String!) ${QUERY}`;

/** An axe-core run on the page as it is: every violation, named, is a failure. */
async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map((v) => `${v.id} (${v.impact ?? '?'}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function screenshot(page: Page, name: string): Promise<string> {
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** The sandbox IdP's picker, when the browser lands on it: log in as Sophie by clicking her button. */
async function logInAtIdpIfAsked(page: Page): Promise<void> {
  if (!new URL(page.url()).pathname.startsWith('/sandbox/idp/')) return;
  await page.getByRole('button', { name: new RegExp(SOPHIE.label.slice(0, 12)) }).click();
}

/**
 * The operator's client authentication: the hub authenticates operators at /consent/par and
 * /consent/token with their Bearer operator token (the same as /graphql), which oauth4webapi lets
 * a client express as a custom `ClientAuth`.
 */
const bearer = (token: string): oauth.ClientAuth => (_as, _client, _body, headers) => {
  headers.set('authorization', `Bearer ${token}`);
};

(hasChromium ? describe : describe.skip)('consent journey in Chromium', () => {
  let t: TestHub;
  let context: BrowserContext;
  let profile: string;
  let operator: { id: string; token: string };
  let as: oauth.AuthorizationServer;
  const cspViolations: string[] = [];
  /** The query string the operator's redirect URI received. */
  const operatorCallbacks: string[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    t = await startTestHub();
    // First, on the empty database, what `npm start` does: the demo operator, its page's redirect
    // URI and habilitation.
    const demo = await prepareDemo(t.hub.store, t.hub.admin, { publicUrl: t.hub.config.publicUrl });
    expect(demo, 'demo operator').not.toBeNull();

    const admin = t.hub.admin;
    const { id } = await admin.addOperator({ name: 'Mairie de Villeurbanne', siret: '21690266800013' });
    await admin.grantHabilitation({
      operator: id, scopes: SCOPES.replaceAll(' ', ','), purposeCode: 'cantine',
      purpose: 'Tarification de la restauration scolaire', legalBasis: 'Délibération du conseil municipal 2024-12',
    });
    await admin.addRedirectUri({ operator: id, uri: REDIRECT });
    operator = { id, token: (await admin.issueToken({ operator: id, ttl: '1h' })).token };

    // The hub publishes no RFC 8414 metadata: the operator configures its endpoints (DESIGN.md §4-5).
    as = {
      issuer: t.hub.config.issuer,
      authorization_endpoint: `${t.url}/consent/authorize`,
      pushed_authorization_request_endpoint: `${t.url}/consent/par`,
      token_endpoint: `${t.url}/consent/token`,
      authorization_response_iss_parameter_supported: true,
      code_challenge_methods_supported: ['S256'],
    };

    profile = mkdtempSync(path.join(tmpdir(), 'hub-consent-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      locale: 'fr-FR',
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
    });
    // The operator's site: its redirect URI answers a plain page (the test reads the URL).
    await context.route(`${REDIRECT}**`, async (route) => {
      operatorCallbacks.push(new URL(route.request().url()).search);
      await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: '<!doctype html><html lang="fr"><title>Mairie</title><h1>Retour à la mairie</h1></html>' });
    });
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await t?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  async function newPage(): Promise<Page> {
    const page = await context.newPage();
    page.on('console', (m) => { if (/Content Security Policy|Refused to/i.test(m.text())) cspViolations.push(`${page.url()}: ${m.text()}`); });
    return page;
  }

  it('operator (oauth4webapi) → IdP login → consent page → code → token → query → receipt → withdrawal → CONSENT_INVALID', async () => {
    const client: oauth.Client = { client_id: operator.id };
    const insecure = { [oauth.allowInsecureRequests]: true } as const; // the test hub is plain http on loopback

    // Operator back-end: PKCE S256, state, pushed authorization request.
    const verifier = oauth.generateRandomCodeVerifier();
    const state = oauth.generateRandomState();
    const pushed = await oauth.processPushedAuthorizationResponse(as, client, await oauth.pushedAuthorizationRequest(as, client, bearer(operator.token), {
      response_type: 'code', redirect_uri: REDIRECT, scope: SCOPES, purpose: 'cantine', state,
      code_challenge: await oauth.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256',
    }, insecure));
    expect(pushed.request_uri).toMatch(/^urn:ietf:params:oauth:request_uri:/);
    expect(pushed.expires_in).toBe(60);
    const authorizationUrl = new URL(as.authorization_endpoint!);
    authorizationUrl.searchParams.set('client_id', client.client_id);
    authorizationUrl.searchParams.set('request_uri', pushed.request_uri);

    // Citizen: the browser goes to the hub, logs in at the sandbox IdP, reaches the consent page.
    const page = await newPage();
    await page.goto(authorizationUrl.toString());
    await poll(() => new URL(page.url()).pathname).toBe('/sandbox/idp/authorize');
    await logInAtIdpIfAsked(page);
    await page.waitForURL(`${t.url}/consent/review`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Accord pour la transmission de vos données');
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain('Mairie de Villeurbanne');
    expect(text).toContain('21690266800013');
    expect(text).toContain('Tarification de la restauration scolaire');
    expect(text).toContain('Votre quotient familial, auprès de la CAF ou de la MSA');
    expect(await axeViolations(page), 'axe on the consent page (1280 px)').toEqual([]);
    await screenshot(page, 'consent-page-desktop-1280');
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await axeViolations(page), 'axe on the consent page (390 px)').toEqual([]);
    // Nothing wider than the phone: no horizontal scrolling.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'consent-page-phone-390');
    await page.setViewportSize({ width: 1280, height: 900 });

    // Keyboard only: focus on "J'accepte", Enter. The hub answers 303 to the operator's redirect
    // URI; the Location is read from that answer so that the rest of the journey runs even where
    // the browser refuses to follow it (asserted at the end: the operator must be reached).
    await page.getByRole('button', { name: 'J’accepte' }).focus();
    let location = '';
    // Passed through unchanged (the request with its cookies, the hub's answer as is), only read.
    await page.route(`${t.url}/consent/decision`, async (route) => {
      const response = await route.fetch({ maxRedirects: 0 });
      location = response.headers()['location'] ?? '';
      await route.fulfill({ response });
    });
    await page.keyboard.press('Enter');
    await poll(() => location !== '').toBe(true);
    expect(location.startsWith(`${REDIRECT}?`), `decision answered ${location}`).toBe(true);
    await poll(() => operatorCallbacks.length > 0 || cspViolations.length > 0).toBe(true);

    // Operator back-end: the redirect's parameters (state and RFC 9207 iss checked), the code redeemed.
    const callbackParameters = oauth.validateAuthResponse(as, client, new URL(location), state);
    expect(callbackParameters.get('code')).toBeTruthy();
    const tokenResponse = await oauth.authorizationCodeGrantRequest(as, client, bearer(operator.token), callbackParameters, REDIRECT, verifier, insecure);
    // The hub answers {"consent_token","token_type":"consent+jwt","expires_in","scope"} (DESIGN.md §5):
    // not an RFC 6749 §5.1 access token, so oauth4webapi's processAuthorizationCodeResponse, which
    // requires `access_token` and a Bearer/DPoP `token_type`, refuses it. The raw response is read
    // instead, with the checks that function would make (status 200, JSON object, no-store).
    await expect(oauth.processAuthorizationCodeResponse(as, client, tokenResponse.clone())).rejects.toThrow(/access_token/);
    expect(tokenResponse.status).toBe(200);
    expect(tokenResponse.headers.get('cache-control')).toBe('no-store');
    const grant = await tokenResponse.json() as { consent_token: string; token_type: string; expires_in: number; scope: string };
    expect(grant.token_type).toBe('consent+jwt');
    expect(grant.scope.split(' ').sort()).toEqual(SCOPES.split(' ').sort());
    expect(grant.expires_in).toBeGreaterThan(29 * 86400);

    // Operator back-end: the query with the consent token returns Sophie's data.
    const answered = await gql(t.url, operator.token, DOCUMENT, { consent: grant.consent_token });
    expect(answered.body.errors, JSON.stringify(answered.body.errors)).toBeUndefined();
    expect(answered.body.data.person.identity.birthName).toBe('FONTAINE');
    expect(answered.body.data.person.family.familyQuotient.value).toBe(780);
    expect(answered.body.data.person.family.children.length).toBe(2);

    // Citizen: /me/consents lists the consent, with its receipt.
    await page.goto(`${t.url}/me/consents`);
    await logInAtIdpIfAsked(page);
    await page.waitForURL(`${t.url}/me/consents`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Mes accords');
    const item = page.locator('ol.entries > li').filter({ hasText: 'Mairie de Villeurbanne' });
    await expect(item.locator('.status').textContent()).resolves.toBe('En cours');
    expect(await axeViolations(page), 'axe on /me/consents').toEqual([]);
    await screenshot(page, 'me-consents-active');

    const [download] = await Promise.all([page.waitForEvent('download'), item.getByRole('link', { name: /reçu signé/ }).click()]);
    const receiptFile = path.join(ARTIFACTS, 'receipt.jws');
    await download.saveAs(receiptFile);
    const jwks = `${t.url}/.well-known/jwks.json`;
    // execFile, not execFileSync: the CLI fetches the keys from this very process.
    const verified = await run(process.execPath, [HUB_CLI, 'consent', 'verify', receiptFile, '--jwks', jwks, '--json'], { env: { ...process.env, LOG_LEVEL: 'silent' } });
    const report = JSON.parse(verified.stdout) as { valid: boolean; receipt: { piiController: { name: string }; dataCategories: { scope: string }[] } };
    expect(report.valid).toBe(true);
    expect(report.receipt.piiController.name).toBe('Mairie de Villeurbanne');
    expect(report.receipt.dataCategories.map((c) => c.scope).sort()).toEqual(SCOPES.split(' ').sort());

    // The same receipt with one byte changed (a character in the middle of the signed payload).
    const jws = readFileSync(receiptFile, 'utf8');
    const at = jws.indexOf('.') + Math.floor((jws.lastIndexOf('.') - jws.indexOf('.')) / 2);
    const tampered = `${jws.slice(0, at)}${jws[at] === 'A' ? 'B' : 'A'}${jws.slice(at + 1)}`;
    const tamperedFile = path.join(ARTIFACTS, 'receipt-tampered.jws');
    writeFileSync(tamperedFile, tampered);
    const refused = await run(process.execPath, [HUB_CLI, 'consent', 'verify', tamperedFile, '--jwks', jwks, '--json'], { env: { ...process.env, LOG_LEVEL: 'silent' } })
      .then(() => ({ code: 0, stdout: '' }), (error: { code: number; stdout: string }) => error);
    expect(refused.code, 'exit code of verify on the tampered receipt').toBe(1);
    expect(JSON.parse(refused.stdout)).toMatchObject({ valid: false });

    // Citizen: "Retirer mon accord".
    await item.getByRole('button', { name: 'Retirer mon accord' }).click();
    await page.waitForURL(`${t.url}/me/consents?done=withdrawn`);
    await expect(page.getByRole('status').textContent()).resolves.toContain('Votre accord a été retiré');
    await expect(page.locator('ol.entries > li').filter({ hasText: 'Mairie de Villeurbanne' }).locator('.status').textContent()).resolves.toBe('Retiré');
    expect(await axeViolations(page), 'axe on /me/consents after withdrawal').toEqual([]);
    await screenshot(page, 'me-consents-withdrawn');

    // Operator back-end: the same query is now refused.
    await poll(async () => {
      const again = await gql(t.url, operator.token, DOCUMENT, { consent: grant.consent_token });
      return again.body.errors?.[0]?.extensions?.['code'];
    }).toBe('CONSENT_INVALID');
    const refusedQuery = await gql(t.url, operator.token, DOCUMENT, { consent: grant.consent_token });
    expect(refusedQuery.body.data?.person ?? null).toBeNull();
    expect(refusedQuery.body.errors?.[0]?.extensions).toMatchObject({ code: 'CONSENT_INVALID', reason: 'revoked' });
    expect(cspViolations, 'CSP violations (the consent page must let its form lead to the operator)').toEqual([]);
    expect(operatorCallbacks, 'the browser reached the operator\'s redirect URI').toEqual([location.slice(REDIRECT.length)]);
    await page.close();
  }, 120_000);

  it('the demo operator page runs the same journey: button → login → consent page → data shown', async () => {
    cspViolations.length = 0;
    const page = await newPage();
    await page.goto(`${t.url}${DEMO_OPERATOR_PATH}`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Calculer votre tarif de cantine');
    expect(await axeViolations(page), 'axe on the demo page').toEqual([]);
    await screenshot(page, 'demo-operator-start');
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'demo-operator-start-phone-390');
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.getByRole('button', { name: /Autoriser la mairie/ }).click();
    await page.waitForURL((u) => u.pathname === '/sandbox/idp/authorize' || u.pathname === '/consent/review');
    await logInAtIdpIfAsked(page);
    await page.waitForURL(`${t.url}/consent/review`);
    expect(await page.locator('main').textContent()).toContain('Tarification de la cantine scolaire selon le quotient familial');
    await page.getByRole('button', { name: 'J’accepte' }).click();

    await page.waitForURL(`${t.url}${DEMO_OPERATOR_PATH}/result`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Votre quotient familial a été obtenu');
    const shown = (await page.locator('main').textContent()) ?? '';
    expect(shown).toContain('FONTAINE');
    expect(shown).toContain('780 €');
    expect(await axeViolations(page), 'axe on the demo result page').toEqual([]);
    await screenshot(page, 'demo-operator-result');
    // The consent token and the PKCE verifier stay in an HttpOnly cookie, out of the page's reach.
    expect(await page.evaluate('document.cookie')).toBe('');

    // The citizen withdraws; the operator's next query with the token it holds is refused.
    await page.goto(`${t.url}/me/consents`);
    await logInAtIdpIfAsked(page);
    await page.waitForURL(`${t.url}/me/consents`);
    await page.locator('ol.entries > li').filter({ hasText: 'DÉMO' }).getByRole('button', { name: 'Retirer mon accord' }).click();
    await page.waitForURL(`${t.url}/me/consents?done=withdrawn`);
    await page.goto(`${t.url}${DEMO_OPERATOR_PATH}/result`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Données non obtenues');
    expect(await page.locator('main').textContent()).toContain('CONSENT_INVALID');
    expect(await axeViolations(page), 'axe on the demo page, refused').toEqual([]);
    await screenshot(page, 'demo-operator-refused');
    expect(cspViolations).toEqual([]);
    await page.close();
  }, 120_000);
});
