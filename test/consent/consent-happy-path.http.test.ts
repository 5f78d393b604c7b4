// The consent flow end to end over HTTP: PAR → authorize → sandbox IdP login → consent page →
// approve → code → token → GraphQL person(consent:) → withdraw in /me/consents → CONSENT_INVALID;
// and the signed receipt, checked by `hub consent verify` (valid, then one byte changed).
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { runCli } from '@hub/cli';
import { expect } from '../support/expect.js';
import { gql } from '../support/test-hub.js';
import { HttpBrowser, REDIRECT, SCOPES, authorizeParams, backAt, decide, persona, pkce, reachConsentPage, redeem, startConsentFixture, type ConsentFixture } from './consent-fixture.js';

let f: ConsentFixture;
beforeAll(async () => { f = await startConsentFixture(); });
afterAll(async () => f?.close());

const SOPHIE = persona('sophie-lambert');
const QUERY = 'query($c: String!) { person(consent: $c) { identity { birthName } family { familyQuotient { value } } } }';

async function cli(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (l) => out.push(l), err: (l) => err.push(l), env: { HUB_PUBLIC_URL: f.url, LOG_LEVEL: 'silent' } });
  return { code, out, err };
}

describe('the consent flow, end to end', () => {
  let browser: HttpBrowser;
  let consentToken: string;
  let receiptFile: string;

  it('runs PAR → login → page → approve → code → token → query', async () => {
    const { verifier, challenge } = pkce();
    const pushed = await fetch(`${f.url}/consent/par`, {
      method: 'POST',
      headers: { authorization: `Bearer ${f.mairie.token}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: authorizeParams(f, challenge),
    });
    expect(pushed.status).toBe(201);
    const { request_uri: requestUri } = (await pushed.json()) as { request_uri: string };

    browser = new HttpBrowser();
    const { page, csrf } = await reachConsentPage(f, browser, new URLSearchParams({ client_id: f.mairie.id, request_uri: requestUri }).toString(), SOPHIE);
    expect(page.status).toBe(200);
    // Who, why, which data in plain French grouped by administration, how long, how to withdraw.
    expect(page.body).toContain('<html lang="fr">');
    expect(page.body).toContain('Mairie de Villeurbanne (SIRET 21690266800013)');
    expect(page.body).toContain('Pour quoi faire : Tarification de la restauration scolaire');
    expect(page.body).toContain('Cadre juridique : Délibération du conseil municipal 2024-12');
    expect(page.body).toContain('<h3>Caisse d’allocations familiales ou Mutualité sociale agricole</h3>');
    expect(page.body).toContain('Votre quotient familial, auprès de la CAF ou de la MSA');
    expect(page.body).toContain('Votre accord vaut 30 jours');
    expect(page.body).toContain(`${f.url}/me/consents`);
    expect(page.body).toContain('J’accepte');
    expect(page.body).toContain('Je refuse');
    expect(page.body).not.toContain('cnaf_quotient_familial');
    expect(page.body).not.toMatch(/<script/);
    expect(page.headers.get('content-security-policy')).not.toContain('unsafe');
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(browser.jar.get('hub_consent_flow')?.path).toBe('/consent');

    const approved = await decide(f, browser, { csrf, decision: 'accept' });
    expect(approved.status).toBe(303);
    const back = backAt(approved);
    expect(back.get('state')).toBe('etat-opaque-123');
    expect(back.get('iss')).toBe(f.t.hub.config.issuer);
    const code = back.get('code')!;
    expect(code).toMatch(/^[\w-]{43}$/);

    const token = await redeem(f, f.mairie.token, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier });
    expect(token.status).toBe(200);
    expect(token.headers.get('cache-control')).toBe('no-store');
    expect(token.body).toEqual({ consent_token: expect.any(String), token_type: 'consent+jwt', expires_in: expect.any(Number), scope: SCOPES });
    expect(token.body['expires_in']).toBeGreaterThan(29 * 86400);
    consentToken = token.body['consent_token'] as string;

    const r = await gql(f.url, f.mairie.token, QUERY, { c: consentToken });
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data.person.identity.birthName).toBe(SOPHIE.identity.nomNaissance);
    expect(typeof r.body.data.person.family.familyQuotient.value).toBe('number');
    // Another operator cannot use it.
    expect((await gql(f.url, f.ccas.token, QUERY, { c: consentToken })).body.errors?.[0]?.extensions).toMatchObject({ code: 'CONSENT_INVALID' });
  });

  it('stores the evidence: IdP sub, authentication time, the text shown and its SHA-256', async () => {
    const row = (await f.t.hub.store.db.knex('consents').first('id')) as { id: string };
    const consent = await f.t.hub.store.consents.findById(row.id);
    const evidence = consent!.evidence as { identityProvider: { sub: string; authTime: number }; text: string; textSha256: string; scopes: string[]; purposeCode: string };
    expect(evidence.identityProvider.sub).toMatch(/^[0-9a-f]{64}$/);
    expect(typeof evidence.identityProvider.authTime).toBe('number');
    expect(evidence.text).toContain('Votre quotient familial, auprès de la CAF ou de la MSA');
    const { createHash } = await import('node:crypto');
    expect(evidence.textSha256).toBe(createHash('sha256').update(evidence.text).digest('hex'));
    expect(evidence.scopes).toEqual(SCOPES.split(' '));
    expect(evidence.purposeCode).toBe('cantine');
    expect(consent!.receipt).toBeTruthy();
  });

  it('lists the consent in /me/consents (same login), with its receipt', async () => {
    // The consent flow's login does not open /me: the citizen logs in there (sandbox persona).
    const start = await browser.get(`${f.url}/me/consents`);
    expect(start.status).toBe(303);
    const { hiddenFields } = await import('./consent-fixture.js');
    const idp = await browser.get(start.location!);
    const form = hiddenFields(idp.body);
    form.set('persona', SOPHIE.id);
    const chosen = await browser.postForm(new URL('authorize', start.location!).toString(), form);
    const callback = await browser.get(chosen.location!);
    expect(callback.location).toBe(`${f.url}/me/consents`);
    const home = await browser.get(`${f.url}/me`);
    expect(home.body).toContain('href="/me/consents"');
    const list = await browser.get(`${f.url}/me/consents`);
    expect(list.status).toBe(200);
    expect(list.body).toContain('Mairie de Villeurbanne');
    expect(list.body).toContain('Votre quotient familial, auprès de la CAF ou de la MSA');
    expect(list.body).toContain('En cours');
    expect(list.body).toContain('Retirer mon accord');
    const receiptHref = /href="([^"]+\/receipt)"/.exec(list.body)![1]!;
    const receipt = await browser.get(`${f.url}${receiptHref}`);
    expect(receipt.status).toBe(200);
    expect(receipt.headers.get('content-disposition')).toMatch(/^attachment; filename="recu-accord-[0-9a-f-]+\.jws"$/);
    const dir = await mkdtemp(path.join(tmpdir(), 'receipt-'));
    receiptFile = path.join(dir, 'recu.jws');
    await writeFile(receiptFile, receipt.body);
  });

  it('verifies the receipt with hub consent verify, and refuses it with one byte changed', async () => {
    const ok = await cli(['consent', 'verify', receiptFile, '--json']);
    expect(ok.code).toBe(0);
    const result = JSON.parse(ok.out[0]!) as { valid: boolean; receipt: Record<string, any> };
    expect(result.valid).toBe(true);
    expect(result.receipt).toMatchObject({
      piiController: { name: 'Mairie de Villeurbanne', siret: '21690266800013' },
      purpose: { code: 'cantine', text: 'Tarification de la restauration scolaire', legalBasis: 'Délibération du conseil municipal 2024-12' },
      withdrawal: { url: `${f.url}/me/consents` },
      evidence: { textSha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
    expect(result.receipt['dataCategories'].map((d: { scope: string }) => d.scope)).toEqual(SCOPES.split(' '));
    const human = await cli(['consent', 'verify', receiptFile]);
    expect(human.code).toBe(0);
    expect(human.out[0]).toMatch(/^valid: signed by the hub/);

    const { readFile } = await import('node:fs/promises');
    const jws = await readFile(receiptFile, 'utf8');
    const [h, p, s] = jws.split('.') as [string, string, string];
    const bytes = Buffer.from(p, 'base64url');
    bytes[20] = bytes[20]! ^ 0x01;
    const tampered = path.join(path.dirname(receiptFile), 'tampered.jws');
    await writeFile(tampered, `${h}.${bytes.toString('base64url')}.${s}`);
    const bad = await cli(['consent', 'verify', tampered, '--json']);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.out[0]!)).toMatchObject({ valid: false, reason: 'bad_signature' });
    expect(bad.err[0]).toContain('receipt invalid');
    const missing = await cli(['consent', 'verify']);
    expect(missing.code).toBe(2);
  });

  it('withdraws in /me/consents (CSRF-protected): the next query gets CONSENT_INVALID', async () => {
    const list = await browser.get(`${f.url}/me/consents`);
    const action = /<form method="post" action="([^"]+\/withdraw)">/.exec(list.body)![1]!;
    const csrf = /name="csrf" value="([^"]+)"/.exec(list.body)![1]!;
    expect((await browser.postForm(`${f.url}${action}`, {}, { origin: f.url })).status).toBe(403);
    expect((await browser.postForm(`${f.url}${action}`, { csrf }, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await gql(f.url, f.mairie.token, QUERY, { c: consentToken })).body.errors).toBeUndefined();
    const done = await browser.postForm(`${f.url}${action}`, { csrf }, { origin: f.url });
    expect(done.status).toBe(303);
    expect(done.location).toBe(`${f.url}/me/consents?done=withdrawn`);
    const r = await gql(f.url, f.mairie.token, QUERY, { c: consentToken });
    expect(r.body.data?.person).toBeNull();
    expect(r.body.errors?.[0]?.extensions).toMatchObject({ code: 'CONSENT_INVALID', reason: 'revoked' });
    const after = await browser.get(done.location!);
    expect(after.body).toContain('Votre accord a été retiré');
    expect(after.body).toContain('Retiré');
    expect(after.body).not.toContain('Retirer mon accord');
  });

  it('does not show or withdraw another citizen’s consent', async () => {
    const other = new HttpBrowser();
    const start = await other.get(`${f.url}/me/consents`);
    const { hiddenFields } = await import('./consent-fixture.js');
    const form = hiddenFields((await other.get(start.location!)).body);
    form.set('persona', 'julien-lambert');
    const chosen = await other.postForm(new URL('authorize', start.location!).toString(), form);
    await other.get(chosen.location!);
    const list = await other.get(`${f.url}/me/consents`);
    expect(list.body).toContain('Vous n’avez donné aucun accord');
    const [row] = await f.t.hub.store.db.knex('consents').select('id');
    expect((await other.get(`${f.url}/me/consents/${row.id}/receipt`)).status).toBe(404);
    const csrf = /name="csrf" value="([^"]+)"/.exec(list.body)![1]!;
    expect((await other.postForm(`${f.url}/me/consents/${row.id}/withdraw`, { csrf }, { origin: f.url })).status).toBe(404);
  });
});
