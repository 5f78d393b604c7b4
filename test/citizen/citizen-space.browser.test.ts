// A real browser (Debian Chromium driven by playwright-core) logs in at the sandbox IdP by clicking
// a persona button, then reads its access log: cookies, redirects, the CSP and the forms as a
// citizen's browser handles them.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { poll } from '../support/poll.js';
import { SOPHIE, startCitizenFixture, type CitizenFixture } from './citizen-fixture.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  console.warn(`citizen-space.browser.test.ts skipped: ${CHROMIUM} is absent (apt-get install chromium).`);
}

(hasChromium ? describe : describe.skip)('citizen space in Chromium', () => {
  let f: CitizenFixture;
  let context: BrowserContext;
  let profile: string;
  const violations: string[] = [];

  beforeAll(async () => {
    f = await startCitizenFixture();
    profile = mkdtempSync(path.join(tmpdir(), 'hub-citizen-chromium-'));
    // A fresh profile directory (playwright passes it as --user-data-dir).
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      locale: 'fr-FR',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
    });
  });
  afterAll(async () => {
    await context?.close();
    await f?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('logs in by clicking a persona and reads the access log', async () => {
    const page = await context.newPage();
    page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) violations.push(m.text()); });
    await page.goto(`${f.base}/me/access-log`);
    // The sandbox IdP's picker: one button per persona.
    await poll(() => page.url()).toContain('/sandbox/idp/authorize');
    await page.getByRole('button', { name: new RegExp(SOPHIE.label.slice(0, 12)) }).click();
    await page.waitForURL(`${f.base}/me/access-log`);
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Qui a consulté mes données');

    const entries = page.locator('ol.entries > li');
    expect(await entries.count()).toBe(3);
    const first = entries.first();
    expect(await first.getByRole('heading').textContent()).toContain('Mairie de Villeurbanne');
    expect(await first.textContent()).toContain('SIRET 21690266800013');
    expect(await first.locator('.purpose').textContent()).toBe('Tarification du conservatoire');
    expect(await first.locator('ul.data li').first().textContent()).toContain('Quotient familial (CAF ou MSA)');
    expect(await first.locator('time').textContent()).toBe('mardi 15 juillet 2025 à 00:05');
    // The hostile operator name is text, not markup.
    expect(await page.getByText('Crèche <script>alert(1)</script> & Cie').count()).toBe(1);

    await page.getByRole('link', { name: 'Consultations plus anciennes' }).click();
    await page.waitForURL(`${f.base}/me/access-log?before=4`);
    expect(await page.locator('ol.entries > li').count()).toBe(2);

    // The session cookie is invisible to scripts.
    expect(await page.evaluate('document.cookie')).toBe('');
    const cookies = await context.cookies(`${f.base}/me/access-log`);
    expect(cookies.find((c) => c.name === 'hub_citizen_session')).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/me' });

    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.waitForURL(`${f.base}/me/logged-out`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Vous êtes déconnecté');
    expect((await context.cookies(`${f.base}/me/access-log`)).some((c) => c.name === 'hub_citizen_session')).toBe(false);
    expect(violations).toEqual([]);
  }, 60_000);
});
