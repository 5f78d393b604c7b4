import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSchema, graphql } from 'graphql';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startExplorerServer, type ExplorerTestServer } from './explorer-test-server.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  console.warn(`explorer browser test skipped: ${CHROMIUM} is absent (install it with apt-get install -y chromium).`);
}

const TOKEN = 'test-operator-token.abc123';
const OPERATOR_NAME = 'Mairie de Testville (opérateur de test)';

const schema = buildSchema(`
  type Query { viewer: Operator! }
  type Operator { name: String! siret: String! scopes: [String!]! }
`);

/** A stand-in for the hub's /graphql: same 401 on a missing or wrong Bearer token, real graphql-js. */
function fakeGraphQL(seen: Array<string | undefined>) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    seen.push(req.headers.authorization);
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
    };
    if (req.method !== 'POST' || !String(req.headers['content-type']).startsWith('application/json')) {
      return send(415, { errors: [{ message: 'POST application/json only' }] });
    }
    if (req.headers.authorization !== `Bearer ${TOKEN}`) {
      return send(401, { errors: [{ message: 'Missing or invalid operator token.', extensions: { code: 'UNAUTHENTICATED' } }] });
    }
    const { query, variables, operationName } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
      query: string; variables?: Record<string, unknown>; operationName?: string;
    };
    const result = await graphql({
      schema,
      source: query,
      variableValues: variables ?? null,
      operationName: operationName ?? null,
      rootValue: { viewer: { name: OPERATOR_NAME, siret: '21750001600019', scopes: ['dgfip_rfr', 'cnaf_quotient_familial'] } },
    });
    send(200, result);
  };
}

(hasChromium ? describe : describe.skip)(`explorer in a real browser (Chromium at ${CHROMIUM})`, () => {
  let server: ExplorerTestServer;
  let browser: BrowserContext;
  let page: Page;
  let profile: string;
  const authorizations: Array<string | undefined> = [];
  const foreignRequests: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startExplorerServer({ '/graphql': fakeGraphQL(authorizations) });
    profile = mkdtempSync(join(tmpdir(), 'hub-explorer-chromium-'));
    // A fresh profile per run (playwright passes it as --user-data-dir).
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
      ],
    });
    page = browser.pages()[0] ?? await browser.newPage();
    page.on('request', (request) => {
      if (!request.url().startsWith(`${server.url}/`)) foreignRequests.push(request.url());
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    // Record CSP violations from the first script on, before any page script runs.
    await page.addInitScript(() => {
      const w = window as unknown as { cspViolations: string[] };
      w.cspViolations = [];
      document.addEventListener('securitypolicyviolation', (event) => {
        w.cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
      });
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('runs the default viewer query with the typed operator token and shows the operator', async () => {
    await page.goto(`${server.url}/`);
    await expect(page.title()).resolves.toBe('Explorateur GraphQL — Particulier Hub');
    await page.locator('.graphiql-container').waitFor({ timeout: 20_000 });

    const field = page.getByLabel('Jeton opérateur');
    await expect(field.getAttribute('type')).resolves.toBe('password');
    await field.fill(TOKEN);

    const editor = await page.locator('.graphiql-query-editor').innerText();
    expect(editor).toContain('viewer');
    expect(editor).toContain('siret');

    await page.locator('.graphiql-execute-button').click();
    const result = page.locator('.result-window');
    await result.getByText(OPERATOR_NAME).waitFor({ timeout: 15_000 });
    const text = await result.innerText();
    expect(text).toContain('21750001600019');
    expect(text).toContain('cnaf_quotient_familial');

    // The query that produced the result went out with the typed token.
    expect(authorizations).toContain(`Bearer ${TOKEN}`);
  });

  it('keeps the token in sessionStorage only, and refills the field after a reload', async () => {
    const stores = await page.evaluate(() => ({
      session: JSON.stringify(Object.entries(window.sessionStorage)),
      local: JSON.stringify(Object.entries(window.localStorage)),
    }));
    expect(stores.session).toContain(TOKEN);
    expect(stores.local).not.toContain(TOKEN);
    // GraphiQL's tabs and history go to sessionStorage too (queries may carry consent tokens).
    expect(stores.local).not.toContain('viewer');

    await page.reload();
    await page.locator('.graphiql-container').waitFor({ timeout: 20_000 });
    await expect(page.getByLabel('Jeton opérateur').inputValue()).resolves.toBe(TOKEN);
  });

  it('sends no Authorization header once the token is cleared, and the hub refusal shows', async () => {
    await page.getByRole('button', { name: 'Effacer' }).click();
    const before = authorizations.length;
    await page.locator('.graphiql-execute-button').click();
    await page.locator('.result-window').getByText('UNAUTHENTICATED').waitFor({ timeout: 15_000 });
    expect(authorizations.slice(before)).toContain(undefined);
    const session = await page.evaluate(() => JSON.stringify(Object.entries(window.sessionStorage)));
    expect(session).not.toContain(TOKEN);
  });

  it('loaded nothing from another origin, broke no CSP rule and threw no error', async () => {
    expect(foreignRequests).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
