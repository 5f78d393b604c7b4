// Issue 13 "Must show", in a real browser (Debian Chromium driven by playwright-core) over the whole
// hub on a real port: the sandbox demo operator's « Se connecter avec FranceConnect » → the sandbox
// IdP (playing FranceConnect) login, one data scope unticked → the operator queries
// person(franceConnectToken:) → the data of exactly the ticked scopes (the unticked one null with
// its code) → the citizen's /me/access-log shows the release « via FranceConnect ».
//
// Screenshots go to test-artifacts/franceconnect/ (gitignored); axe-core runs on every new or
// changed page (the demo page, the IdP's scope page, the FranceConnect result, the access log).
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { prepareDemo, DEMO_OPERATOR_PATH } from '@hub/gateway';
import { personas } from '@hub/sandbox';
import { expect } from '../support/expect.js';
import { startTestHub, type TestHub } from '../support/test-hub.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  console.warn(`franceconnect-journey.browser.test.ts skipped: ${CHROMIUM} is absent (apt-get install chromium).`);
}

const ROOT = path.resolve(import.meta.dirname, '../..');
const ARTIFACTS = path.join(ROOT, 'test-artifacts', 'franceconnect');
const SOPHIE = personas.find((p) => p.id === 'sophie-lambert')!;

async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map((v) => `${v.id} (${v.impact ?? '?'}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

(hasChromium ? describe : describe.skip)('FranceConnect journey in Chromium', () => {
  let t: TestHub;
  let context: BrowserContext;
  let profile: string;
  const cspViolations: string[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    t = await startTestHub();
    // What `npm start` does on an empty database: the demo operator, with the sandbox's FranceConnect client.
    expect(await prepareDemo(t.hub.store, t.hub.admin, { publicUrl: t.hub.config.publicUrl }), 'demo operator').not.toBeNull();
    profile = mkdtempSync(path.join(tmpdir(), 'hub-fc-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM, headless: true, locale: 'fr-FR', viewport: { width: 1280, height: 900 },
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await t?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('demo operator → FranceConnect login, cnaf_enfants unticked → query → exactly the ticked data → access log « via FranceConnect »', async () => {
    const page = await context.newPage();
    page.on('console', (m) => { if (/Content Security Policy|Refused to/i.test(m.text())) cspViolations.push(`${page.url()}: ${m.text()}`); });

    await page.goto(`${t.url}${DEMO_OPERATOR_PATH}`);
    const connect = page.getByRole('button', { name: 'Se connecter avec FranceConnect' });
    await expect(connect.isVisible()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: /Autoriser la mairie/ }).isVisible()).resolves.toBe(true);
    expect(await axeViolations(page), 'axe on the demo page').toEqual([]);
    await screenshot(page, 'demo-operator-home');
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'demo-operator-home-phone-390');
    await page.setViewportSize({ width: 1280, height: 900 });

    // FranceConnect (the sandbox IdP): the login, then the data scopes, all ticked; untick one.
    await connect.click();
    await page.waitForURL((u) => u.pathname === '/sandbox/idp/authorize');
    expect(new URL(page.url()).searchParams.get('redirect_uri')).toBe(`${t.url}${DEMO_OPERATOR_PATH}/franceconnect/callback`);
    await page.getByRole('button', { name: new RegExp(SOPHIE.label.slice(0, 12)) }).click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Autoriser le partage de vos données');
    const quotient = page.getByRole('checkbox', { name: 'cnaf_quotient_familial' });
    const children = page.getByRole('checkbox', { name: 'cnaf_enfants' });
    await expect(quotient.isChecked()).resolves.toBe(true);
    await expect(children.isChecked()).resolves.toBe(true);
    expect(await axeViolations(page), 'axe on the IdP scope page').toEqual([]);
    await screenshot(page, 'idp-scopes');
    await children.uncheck();
    await page.getByRole('button', { name: 'Continuer vers le service' }).click();

    // Back at the operator: it redeemed the code, queried person(franceConnectToken:), shows the answer.
    await page.waitForURL(`${t.url}${DEMO_OPERATOR_PATH}/franceconnect/result`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Votre quotient familial a été obtenu');
    const shown = (await page.locator('main').textContent()) ?? '';
    expect(shown).toContain('FONTAINE');
    expect(shown).toContain('780 €');
    expect(shown).toContain('CONSENT_SCOPE_MISSING');
    const raw = JSON.parse((await page.locator('details pre').textContent()) ?? '{}') as { data: any; errors: any[] };
    expect(raw.data.person.family.familyQuotient.value).toBe(780);
    expect(raw.data.person.family.children).toBeNull();
    expect(raw.errors).toEqual([expect.objectContaining({ path: ['person', 'family', 'children'], extensions: expect.objectContaining({ code: 'CONSENT_SCOPE_MISSING', scope: 'cnaf_enfants' }) })]);
    expect(await axeViolations(page), 'axe on the FranceConnect result').toEqual([]);
    await screenshot(page, 'demo-operator-franceconnect-result');
    // The access token stays in the operator's HttpOnly cookie.
    expect(await page.evaluate('document.cookie')).toBe('');

    // The citizen's access log: the release, « via FranceConnect ».
    await page.goto(`${t.url}/me/access-log`);
    await page.waitForURL((u) => u.pathname === '/sandbox/idp/authorize' || u.pathname === '/me/access-log');
    if (new URL(page.url()).pathname === '/sandbox/idp/authorize') await page.getByRole('button', { name: new RegExp(SOPHIE.label.slice(0, 12)) }).click();
    await page.waitForURL((u) => u.pathname === '/me/access-log');
    const log = (await page.locator('main').textContent()) ?? '';
    expect(log).toContain('via FranceConnect');
    expect(log).toContain('DÉMO');
    expect(await axeViolations(page), 'axe on the access log').toEqual([]);
    await screenshot(page, 'access-log-via-franceconnect');
    expect(cspViolations).toEqual([]);
    await page.close();
  }, 120_000);
});
