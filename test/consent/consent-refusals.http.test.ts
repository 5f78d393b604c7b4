// The consent flow's refusals over HTTP: errors shown to the citizen (unknown client, redirect URI),
// errors sent back to the operator (RFC 6749 + state + iss), and the token endpoint's invalid_grant.
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { expect } from '../support/expect.js';
import { gql } from '../support/test-hub.js';
import {
  HttpBrowser, OTHER_REDIRECT, REDIRECT, approvedCode, authorizeParams, backAt, decide, persona, pkce, reachConsentPage, redeem,
  startConsentFixture, type ConsentFixture,
} from './consent-fixture.js';

let f: ConsentFixture;
beforeAll(async () => { f = await startConsentFixture(); });
afterAll(async () => f?.close());

const SOPHIE = persona('sophie-lambert');
const QUERY = 'query($c: String!) { person(consent: $c) { identity { birthName } } }';

async function authorize(query: URLSearchParams | string) {
  return new HttpBrowser().get(`${f.url}/consent/authorize?${query.toString()}`);
}

async function push(token: string | null, params: URLSearchParams) {
  const res = await fetch(`${f.url}/consent/par`, {
    method: 'POST',
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/x-www-form-urlencoded' },
    body: params,
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

function expectFrenchPage(hop: { status: number; body: string; location: string | null; headers: Headers }, status: number) {
  expect(hop.status).toBe(status);
  expect(hop.location).toBeNull();
  expect(hop.body).toContain('<html lang="fr">');
  expect(hop.headers.get('content-security-policy')).toContain("default-src 'none'");
  expect(hop.body).not.toMatch(/at .*\.(ts|js):\d+/);
}

describe('errors that cannot go back to the operator: a French page', () => {
  it('refuses an unknown client', async () => {
    const r = await authorize(authorizeParams(f, pkce().challenge, { client_id: '99999999-9999-4999-8999-999999999999' }));
    expectFrenchPage(r, 400);
    expect(r.body).toContain('n’est pas connu de Particulier Hub');
    expectFrenchPage(await authorize(authorizeParams(f, pkce().challenge, { client_id: 'not-a-uuid' })), 400);
  });

  it('refuses an unregistered or missing redirect URI, even one of another operator', async () => {
    for (const redirect of ['https://evil.example/cb', OTHER_REDIRECT, `${REDIRECT}/`, null]) {
      const r = await authorize(authorizeParams(f, pkce().challenge, { redirect_uri: redirect }));
      expectFrenchPage(r, 400);
      expect(r.body).toContain('L’adresse de retour demandée n’est pas enregistrée');
    }
  });

  it('refuses an unknown, reused or expired request_uri', async () => {
    expectFrenchPage(await authorize(new URLSearchParams({ client_id: f.mairie.id, request_uri: 'urn:ietf:params:oauth:request_uri:nope' })), 400);
    const pushed = await push(f.mairie.token, authorizeParams(f, pkce().challenge));
    expect(pushed.status).toBe(201);
    const uri = pushed.body['request_uri'] as string;
    // Another client cannot use it.
    expectFrenchPage(await authorize(new URLSearchParams({ client_id: f.ccas.id, request_uri: uri })), 400);
    f.advanceClock(61_000);
    try {
      const r = await authorize(new URLSearchParams({ client_id: f.mairie.id, request_uri: uri }));
      expectFrenchPage(r, 400);
      expect(r.body).toContain('Demande d’accord expirée');
    } finally {
      f.advanceClock(-61_000);
    }
    const again = await push(f.mairie.token, authorizeParams(f, pkce().challenge));
    const once = await authorize(new URLSearchParams({ client_id: f.mairie.id, request_uri: again.body['request_uri'] as string }));
    expect(once.status).toBe(303);
    expectFrenchPage(await authorize(new URLSearchParams({ client_id: f.mairie.id, request_uri: again.body['request_uri'] as string })), 400);
  });
});

describe('errors sent back to the operator (RFC 6749 §4.1.2.1, state, RFC 9207 iss)', () => {
  it.each([
    ['a scope outside the habilitation', { scope: 'identite_pivot pole_emploi_inscription' }, 'invalid_scope'],
    ['an unknown scope', { scope: 'identite_pivot cnaf_tout_savoir' }, 'invalid_scope'],
    ['a missing scope', { scope: null }, 'invalid_scope'],
    ['missing PKCE', { code_challenge: null, code_challenge_method: null }, 'invalid_request'],
    ['a missing PKCE method', { code_challenge_method: null }, 'invalid_request'],
    ['plain PKCE', { code_challenge_method: 'plain' }, 'invalid_request'],
    ['a purpose of no habilitation', { purpose: 'surveillance' }, 'invalid_request'],
    ['another response type', { response_type: 'token' }, 'unsupported_response_type'],
  ])('refuses %s', async (_what, overrides, error) => {
    const r = await authorize(authorizeParams(f, pkce().challenge, overrides));
    expect(r.status).toBe(302);
    const back = backAt(r);
    expect(back.get('error')).toBe(error);
    expect(back.get('error_description')).toBeTruthy();
    expect(back.get('state')).toBe('etat-opaque-123');
    expect(back.get('iss')).toBe(f.t.hub.config.issuer);
    expect(back.has('code')).toBe(false);
  });

  it('answers access_denied when the citizen refuses', async () => {
    const browser = new HttpBrowser();
    const { csrf } = await reachConsentPage(f, browser, authorizeParams(f, pkce().challenge).toString(), SOPHIE);
    const r = await decide(f, browser, { csrf, decision: 'refuse' });
    expect(r.status).toBe(303);
    const back = backAt(r);
    expect(Object.fromEntries(back)).toMatchObject({ error: 'access_denied', state: 'etat-opaque-123', iss: f.t.hub.config.issuer });
    expect(browser.jar.has('hub_consent_flow')).toBe(false);
  });
});

describe('the consent form', () => {
  it('refuses a decision without the CSRF token, with a wrong one, or from another origin (403, French)', async () => {
    const browser = new HttpBrowser();
    const { csrf } = await reachConsentPage(f, browser, authorizeParams(f, pkce().challenge).toString(), SOPHIE);
    for (const [fields, headers] of [
      [{ decision: 'accept' }, { origin: f.url }],
      [{ decision: 'accept', csrf: 'x'.repeat(43) }, { origin: f.url }],
      [{ decision: 'accept', csrf }, { origin: 'https://evil.example' }],
    ] as const) {
      const r = await browser.postForm(`${f.url}/consent/decision`, fields, headers);
      expectFrenchPage(r, 403);
      expect(r.body).toContain('Demande refusée');
    }
    // Another browser (no flow cookie) cannot use a leaked token either.
    expectFrenchPage(await new HttpBrowser().postForm(`${f.url}/consent/decision`, { decision: 'accept', csrf }, { origin: f.url }), 403);
    // The real form still works.
    expect((await decide(f, browser, { csrf, decision: 'accept' })).status).toBe(303);
  });

  it('asks for the identifiers the sources need, and checks them next to the field', async () => {
    const browser = new HttpBrowser();
    const { page, csrf } = await reachConsentPage(f, browser, authorizeParams(f, pkce().challenge, { scope: 'dgfip_revenu_fiscal_reference mesri_admissions' }).toString(), SOPHIE);
    expect(page.body).toContain('<label for="field-numeroFiscal">Numéro fiscal</label>');
    expect(page.body).toContain('for="field-referenceAvis"');
    expect(page.body).toContain('for="field-ine"');
    expect(page.body).toContain('Votre revenu fiscal de référence, auprès des impôts (DGFiP)');
    const r = await decide(f, browser, { csrf, decision: 'accept', numeroFiscal: '12 34', referenceAvis: '', ine: '' });
    expect(r.status).toBe(400);
    expect(r.body).toContain('class="error-summary" role="alert"');
    expect(r.body).toContain('id="field-numeroFiscal-error"');
    expect(r.body).toMatch(/id="field-numeroFiscal" name="numeroFiscal" value="12 34" aria-describedby="field-numeroFiscal-hint field-numeroFiscal-error" aria-invalid="true"/);
    expect(r.body).toContain('Le numéro fiscal compte 13 chiffres');
    expect(r.body).toContain('Indiquez votre référence de l’avis d’impôt.');
    // INE is optional: no error for it.
    expect(r.body).not.toContain('id="field-ine-error"');
  });
});

describe('the token endpoint', () => {
  it('refuses a missing or foreign operator token with invalid_client', async () => {
    const r = await redeem(f, 'not-a-token', { grant_type: 'authorization_code', code: 'x', redirect_uri: REDIRECT, code_verifier: pkce().verifier });
    expect(r.status).toBe(401);
    expect(r.body['error']).toBe('invalid_client');
    expect(r.headers.get('www-authenticate')).toContain('Bearer');
  });

  it('answers coded errors for bad input, never a stack trace', async () => {
    const good = { grant_type: 'authorization_code', code: 'x', redirect_uri: REDIRECT, code_verifier: pkce().verifier };
    expect((await redeem(f, f.mairie.token, { ...good, grant_type: 'password' })).body).toMatchObject({ error: 'unsupported_grant_type' });
    expect((await redeem(f, f.mairie.token, { ...good, grant_type: '' })).body).toMatchObject({ error: 'invalid_request' });
    expect((await redeem(f, f.mairie.token, { ...good, code_verifier: '' })).body).toMatchObject({ error: 'invalid_request' });
    expect((await redeem(f, f.mairie.token, { ...good, code_verifier: 'short' })).body).toMatchObject({ error: 'invalid_request' });
    const unknown = await redeem(f, f.mairie.token, good);
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ error: 'invalid_grant' });
    expect(unknown.headers.get('cache-control')).toBe('no-store');
    const wrongType = await fetch(`${f.url}/consent/token`, { method: 'POST', headers: { authorization: `Bearer ${f.mairie.token}`, 'content-type': 'application/json' }, body: '{}' });
    expect(wrongType.status).toBe(400);
    expect(await wrongType.json()).toMatchObject({ error: 'invalid_request' });
    const get = await fetch(`${f.url}/consent/token`);
    expect(get.status).toBe(405);
  });

  it('refuses a replayed code and revokes the consent it produced', async () => {
    const { code, verifier } = await approvedCode(f, SOPHIE);
    const form = { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier };
    const first = await redeem(f, f.mairie.token, form);
    expect(first.status).toBe(200);
    const token = first.body['consent_token'] as string;
    expect((await gql(f.url, f.mairie.token, QUERY, { c: token })).body.data?.person?.identity?.birthName).toBeTruthy();
    const replay = await redeem(f, f.mairie.token, form);
    expect(replay.status).toBe(400);
    expect(replay.body).toMatchObject({ error: 'invalid_grant' });
    expect(replay.body['error_description']).toContain('revoked');
    const after = await gql(f.url, f.mairie.token, QUERY, { c: token });
    expect(after.body.data?.person).toBeNull();
    expect(after.body.errors?.[0]?.extensions).toMatchObject({ code: 'CONSENT_INVALID', reason: 'revoked' });
  });

  it('refuses the code of another operator, which stays good for its own', async () => {
    const { code, verifier } = await approvedCode(f, SOPHIE);
    const stolen = await redeem(f, f.ccas.token, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier });
    expect(stolen.status).toBe(400);
    expect(stolen.body).toMatchObject({ error: 'invalid_grant' });
    expect((await redeem(f, f.mairie.token, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier })).status).toBe(200);
  });

  it('refuses a wrong verifier and a redirect URI mismatch', async () => {
    const a = await approvedCode(f, SOPHIE);
    const wrong = await redeem(f, f.mairie.token, { grant_type: 'authorization_code', code: a.code, redirect_uri: REDIRECT, code_verifier: pkce().verifier });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({ error: 'invalid_grant' });
    const b = await approvedCode(f, SOPHIE);
    const mismatch = await redeem(f, f.mairie.token, { grant_type: 'authorization_code', code: b.code, redirect_uri: `${REDIRECT}?x=1`, code_verifier: b.verifier });
    expect(mismatch.body).toMatchObject({ error: 'invalid_grant' });
  });

  it('refuses an expired code (60 s)', async () => {
    const { code, verifier } = await approvedCode(f, SOPHIE);
    f.advanceClock(61_000);
    try {
      const r = await redeem(f, f.mairie.token, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier });
      expect(r.status).toBe(400);
      expect(r.body).toMatchObject({ error: 'invalid_grant', error_description: 'The code has expired.' });
    } finally {
      f.advanceClock(-61_000);
    }
  });
});

describe('pushed authorization requests', () => {
  it('needs the operator token and checks the parameters like /authorize', async () => {
    expect((await push(null, authorizeParams(f, pkce().challenge))).status).toBe(401);
    const plain = await push(f.mairie.token, authorizeParams(f, pkce().challenge, { code_challenge_method: 'plain' }));
    expect(plain.status).toBe(400);
    expect(plain.body).toMatchObject({ error: 'invalid_request' });
    const redirect = await push(f.mairie.token, authorizeParams(f, pkce().challenge, { redirect_uri: OTHER_REDIRECT }));
    expect(redirect.body).toMatchObject({ error: 'invalid_request' });
    const other = await push(f.mairie.token, authorizeParams(f, pkce().challenge, { client_id: f.ccas.id }));
    expect(other.body).toMatchObject({ error: 'invalid_request' });
    const scope = await push(f.mairie.token, authorizeParams(f, pkce().challenge, { scope: 'pole_emploi_inscription' }));
    expect(scope.body).toMatchObject({ error: 'invalid_scope' });
    const ok = await push(f.mairie.token, authorizeParams(f, pkce().challenge));
    expect(ok.status).toBe(201);
    expect(ok.body).toEqual({ request_uri: expect.stringMatching(/^urn:ietf:params:oauth:request_uri:[\w-]{43}$/), expires_in: 60 });
  });
});

describe('privacy of the logs', () => {
  it('logs no identity, identifier, code or token', async () => {
    const { code, verifier } = await approvedCode(f, SOPHIE);
    const r = await redeem(f, f.mairie.token, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier });
    const text = f.logs.join('\n');
    expect(text).toContain('citizen gave a consent');
    for (const secret of [SOPHIE.identity.nomNaissance, ...SOPHIE.identity.prenoms, code, verifier, r.body['consent_token'] as string, f.mairie.token, 'etat-opaque-123']) {
      expect(text).not.toContain(secret);
    }
  });
});
