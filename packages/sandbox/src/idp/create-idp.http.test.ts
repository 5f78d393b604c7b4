// HTTP tests of the sandbox IdP: `handle` wrapped in a real node:http server on port 0.
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { Persona } from '../personas/persona.js';
import { createIdp } from './create-idp.js';
import type { Idp } from './create-idp.js';

const CLIENT_ID = 'particulier-hub';
const REDIRECT_URI = 'http://localhost:4000/consent/callback?from=idp';

const personas: Persona[] = [
  {
    id: 'couple-dgfip',
    label: 'Camille Martin — couple DGFIP',
    description: 'Déclarante d’un avis d’impôt commun, allocataire CAF.',
    identity: {
      nomNaissance: 'DUPONT',
      nomUsage: 'MARTIN',
      prenoms: ['CAMILLE', 'ANNE'],
      sexeEtatCivil: 'F',
      anneeDateNaissance: 1984,
      moisDateNaissance: 3,
      jourDateNaissance: 7,
      codeCogInseePaysNaissance: '99100',
      codeCogInseeCommuneNaissance: '75056',
    },
    identifiers: { numeroFiscal: '1234567890123', referenceAvis: '2210612345678' },
  },
  {
    id: 'hostile',
    label: '<script>alert("label")</script>',
    description: 'Description & "guillemets" <img src=x onerror=alert(1)>',
    identity: {
      nomNaissance: 'NGUYEN',
      prenoms: ['LAN'],
      sexeEtatCivil: 'M',
      anneeDateNaissance: 1990,
      codeCogInseePaysNaissance: '99243',
    },
    identifiers: {},
  },
];

let clock = Date.UTC(2025, 5, 1, 12, 0, 0);
let idp: Idp;
let server: Server;
let base: string;
let issuer: string;

beforeAll(async () => {
  server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;
  issuer = `${base}/sandbox/idp`;
  idp = createIdp({ issuer, personas, now: () => clock });
  server.on('request', (req, res) => {
    const url = req.url ?? '/';
    if (!url.startsWith('/sandbox/idp')) {
      res.writeHead(404).end();
      return;
    }
    void idp.handle(req, res, url.slice('/sandbox/idp'.length));
  });
});

afterAll(async () => {
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
});

beforeEach(() => {
  clock = Date.UTC(2025, 5, 1, 12, 0, 0);
});

function authorizeParams(extra: Record<string, string> = {}): URLSearchParams {
  return new URLSearchParams({
    response_type: 'code',
    client_id: CLIENT_ID,
    redirect_uri: REDIRECT_URI,
    scope: 'openid given_name family_name birthdate gender birthplace birthcountry',
    state: 'state-123',
    nonce: 'nonce-456',
    ...extra,
  });
}

async function postForm(path: string, form: URLSearchParams, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${issuer}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: form.toString(),
  });
}

/** Logs in through POST /authorize and returns the redirect's query parameters. */
async function login(fields: Record<string, string>, extra: Record<string, string> = {}): Promise<URLSearchParams> {
  const form = authorizeParams(extra);
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  const res = await postForm('/authorize', form);
  expect(res.status).toBe(302);
  const location = new URL(res.headers.get('location') ?? '');
  expect(`${location.origin}${location.pathname}`).toBe('http://localhost:4000/consent/callback');
  expect(location.searchParams.get('from')).toBe('idp');
  return location.searchParams;
}

async function exchange(code: string, overrides: Record<string, string> = {}): Promise<Response> {
  return postForm(
    '/token',
    new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
      client_id: CLIENT_ID,
      client_secret: 'ignored-in-sandbox',
      ...overrides,
    }),
  );
}

async function verifyIdToken(idToken: string) {
  const discovery = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as { jwks_uri: string };
  const jwks = createRemoteJWKSet(new URL(discovery.jwks_uri));
  return jwtVerify(idToken, jwks, {
    issuer,
    audience: CLIENT_ID,
    algorithms: ['ES256'],
    currentDate: new Date(clock),
  });
}

describe('discovery', () => {
  it('publishes absolute endpoint URLs built from the issuer', async () => {
    const res = await fetch(`${issuer}/.well-known/openid-configuration`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as Record<string, unknown>;
    expect(doc).toMatchObject({
      issuer,
      authorization_endpoint: `${issuer}/authorize`,
      token_endpoint: `${issuer}/token`,
      userinfo_endpoint: `${issuer}/userinfo`,
      jwks_uri: `${issuer}/jwks`,
      end_session_endpoint: `${issuer}/logout`,
      id_token_signing_alg_values_supported: ['ES256'],
      response_types_supported: ['code'],
    });
  });

  it('serves the same public key at /jwks as jwks()', async () => {
    const res = await fetch(`${issuer}/jwks`);
    const body = (await res.json()) as { keys: Record<string, unknown>[] };
    expect(body).toEqual(await idp.jwks());
    expect(body.keys).toHaveLength(1);
    expect(body.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect(body.keys[0]).not.toHaveProperty('d');
  });
});

describe('authorize page', () => {
  it('lists every persona with its label and description, in a French page without external assets', async () => {
    const res = await fetch(`${issuer}/authorize?${authorizeParams().toString()}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('Camille Martin — couple DGFIP');
    expect(html).toContain('Déclarante d’un avis d’impôt commun, allocataire CAF.');
    expect(html).toContain('name="persona" value="couple-dgfip"');
    expect(html).toContain('name="persona" value="hostile"');
    // The original parameters travel as hidden fields.
    expect(html).toContain(`<input type="hidden" name="redirect_uri" value="${REDIRECT_URI}">`);
    expect(html).toContain('<input type="hidden" name="nonce" value="nonce-456">');
    // Every identity field has a label bound to it.
    for (const field of ['nomNaissance', 'nomUsage', 'prenoms', 'dateNaissance', 'codeCogInseePaysNaissance', 'codeCogInseeCommuneNaissance']) {
      expect(html).toContain(`<label for="field-${field}">`);
      expect(html).toContain(`id="field-${field}"`);
    }
    expect(html).toContain('<label for="field-sexe-F">');
    expect(html).not.toMatch(/<script|<link|src=["']?https?:/i);
  });

  it.each([
    ['redirect_uri', { redirect_uri: 'javascript:alert(1)' }],
    ['redirect_uri', { redirect_uri: '/relative/callback' }],
    ['redirect_uri', { redirect_uri: 'http://client.example/cb#fragment' }],
    ['redirect_uri', { redirect_uri: '' }],
    ['client_id', { client_id: '' }],
    ['response_type', { response_type: 'token' }],
    ['response_type', { response_type: '' }],
    ['scope', { scope: 'profile' }],
  ])('refuses an invalid %s with a 400 page naming it, without redirecting (%o)', async (name, override) => {
    const params = authorizeParams(override);
    const get = await fetch(`${issuer}/authorize?${params.toString()}`, { redirect: 'manual' });
    expect(get.status).toBe(400);
    expect(get.headers.get('location')).toBeNull();
    expect(await get.text()).toContain(`« ${name} »`);

    params.set('persona', 'couple-dgfip');
    const post = await postForm('/authorize', params);
    expect(post.status).toBe(400);
    expect(post.headers.get('location')).toBeNull();
    expect(await post.text()).toContain(`« ${name} »`);
  });

  it('escapes hostile persona labels and request parameters', async () => {
    const hostileState = '"><script>alert("state")</script>';
    const res = await fetch(`${issuer}/authorize?${authorizeParams({ state: hostileState, client_id: '<b>client</b>' }).toString()}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>client</b>');
    expect(html).toContain('&lt;script&gt;alert(&quot;label&quot;)&lt;/script&gt;');
    expect(html).toContain('Description &amp; &quot;guillemets&quot; &lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('value="&quot;&gt;&lt;script&gt;alert(&quot;state&quot;)&lt;/script&gt;"');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");

    // The escaped hidden field still carries the exact state back to the client.
    const params = await login({ persona: 'hostile' }, { state: hostileState });
    expect(params.get('state')).toBe(hostileState);
  });

  it('sends the citizen back with error=access_denied on cancel', async () => {
    const params = await login({ action: 'cancel' });
    expect(params.get('error')).toBe('access_denied');
    expect(params.get('state')).toBe('state-123');
    expect(params.get('code')).toBeNull();
  });

  it('re-renders the page with a 400 for an unknown persona', async () => {
    const res = await postForm('/authorize', new URLSearchParams([...authorizeParams(), ['persona', 'nobody']]));
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Cette personne fictive n’existe pas');
  });
});

describe('persona login, code and token', () => {
  it('issues an ES256 ID token with FranceConnect claims that verifies against /jwks', async () => {
    const redirect = await login({ persona: 'couple-dgfip' });
    expect(redirect.get('state')).toBe('state-123');
    const code = redirect.get('code');
    expect(code).toBeTruthy();

    const res = await exchange(code ?? '');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const token = (await res.json()) as Record<string, unknown>;
    expect(token).toMatchObject({ token_type: 'Bearer', expires_in: 600, scope: authorizeParams().get('scope') });
    expect(typeof token.access_token).toBe('string');

    const idToken = String(token.id_token);
    const { kid } = decodeProtectedHeader(idToken);
    const [publicKey] = (await idp.jwks()).keys;
    expect(kid).toBe(publicKey?.kid);

    const { payload, protectedHeader } = await verifyIdToken(idToken);
    expect(protectedHeader.alg).toBe('ES256');
    const iat = Math.floor(clock / 1000);
    expect(payload).toMatchObject({
      iss: issuer,
      aud: CLIENT_ID,
      iat,
      exp: iat + 600,
      auth_time: iat,
      nonce: 'nonce-456',
      given_name: 'CAMILLE ANNE',
      family_name: 'DUPONT',
      preferred_username: 'MARTIN',
      birthdate: '1984-03-07',
      gender: 'female',
      birthplace: '75056',
      birthcountry: '99100',
      sandbox_identifiers: { numeroFiscal: '1234567890123', referenceAvis: '2210612345678' },
    });
    expect(payload.sub).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives a persona born abroad an empty birthplace, no nom d’usage and 00 for an unknown day and month', async () => {
    const code = (await login({ persona: 'hostile' }, { nonce: '' })).get('code') ?? '';
    const token = (await (await exchange(code)).json()) as { id_token: string };
    const { payload } = await verifyIdToken(token.id_token);
    expect(payload).toMatchObject({ birthplace: '', birthcountry: '99243', birthdate: '1990-00-00', gender: 'male', sandbox_identifiers: {} });
    expect(payload).not.toHaveProperty('preferred_username');
    expect(payload).not.toHaveProperty('nonce');
  });

  it('gives the same sub on every login of the same persona', async () => {
    const subs = [];
    for (let i = 0; i < 2; i++) {
      const code = (await login({ persona: 'couple-dgfip' })).get('code') ?? '';
      const token = (await (await exchange(code)).json()) as { id_token: string };
      subs.push((await verifyIdToken(token.id_token)).payload.sub);
    }
    expect(subs[0]).toBe(subs[1]);
  });

  it('accepts a code only once', async () => {
    const code = (await login({ persona: 'couple-dgfip' })).get('code') ?? '';
    expect((await exchange(code)).status).toBe(200);
    const again = await exchange(code);
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('expires codes after the TTL (60 s by default)', async () => {
    const fresh = (await login({ persona: 'couple-dgfip' })).get('code') ?? '';
    const stale = (await login({ persona: 'couple-dgfip' })).get('code') ?? '';
    clock += 59_000;
    expect((await exchange(fresh)).status).toBe(200);
    clock += 2_000;
    const res = await exchange(stale);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'invalid_grant', error_description: 'Expired authorization code.' });
  });

  it.each([
    ['redirect_uri', { redirect_uri: 'http://localhost:4000/consent/callback' }],
    ['client_id', { client_id: 'another-client' }],
  ])('refuses a mismatched %s with invalid_grant and burns the code', async (_name, override) => {
    const code = (await login({ persona: 'couple-dgfip' })).get('code') ?? '';
    const res = await exchange(code, override);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_grant' });
    expect((await exchange(code)).status).toBe(400);
  });

  it('refuses unknown codes, other grant types and missing parameters in OAuth error format', async () => {
    expect(await (await exchange('not-a-code')).json()).toMatchObject({ error: 'invalid_grant' });
    const wrongGrant = await exchange('x', { grant_type: 'client_credentials' });
    expect(wrongGrant.status).toBe(400);
    expect(await wrongGrant.json()).toMatchObject({ error: 'unsupported_grant_type' });
    const noCode = await postForm('/token', new URLSearchParams({ grant_type: 'authorization_code', redirect_uri: REDIRECT_URI, client_id: CLIENT_ID }));
    expect(noCode.status).toBe(400);
    expect(await noCode.json()).toMatchObject({ error: 'invalid_request' });
    const json = await fetch(`${issuer}/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(json.status).toBe(400);
    expect(await json.json()).toMatchObject({ error: 'invalid_request' });
  });

  it('takes the client id from HTTP Basic authentication', async () => {
    const code = (await login({ persona: 'couple-dgfip' })).get('code') ?? '';
    const res = await postForm(
      '/token',
      new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI }),
      { authorization: `Basic ${Buffer.from(`${CLIENT_ID}:secret`).toString('base64')}` },
    );
    expect(res.status).toBe(200);
  });
});

describe('arbitrary identity form', () => {
  const camille = {
    action: 'identity',
    nomNaissance: 'dupont',
    nomUsage: 'Martin',
    prenoms: ' camille   anne ',
    sexeEtatCivil: 'F',
    dateNaissance: '1984-03-07',
    codeCogInseePaysNaissance: '99100',
    codeCogInseeCommuneNaissance: '75056',
  };

  it('logs in a typed identity with the same sub as the persona it matches, and no sandbox identifiers', async () => {
    const typed = (await login(camille)).get('code') ?? '';
    const typedToken = (await (await exchange(typed)).json()) as { id_token: string };
    const { payload } = await verifyIdToken(typedToken.id_token);
    expect(payload).toMatchObject({
      given_name: 'camille anne',
      family_name: 'dupont',
      preferred_username: 'Martin',
      birthdate: '1984-03-07',
      gender: 'female',
      birthplace: '75056',
      birthcountry: '99100',
    });
    expect(payload).not.toHaveProperty('sandbox_identifiers');

    const picked = (await login({ persona: 'couple-dgfip' })).get('code') ?? '';
    const pickedToken = (await (await exchange(picked)).json()) as { id_token: string };
    expect((await verifyIdToken(pickedToken.id_token)).payload.sub).toBe(payload.sub);
  });

  it('gives another person another sub', async () => {
    const a = (await login(camille)).get('code') ?? '';
    const b = (await login({ ...camille, dateNaissance: '07/03/1985' })).get('code') ?? '';
    const subA = (await verifyIdToken(((await (await exchange(a)).json()) as { id_token: string }).id_token)).payload.sub;
    const subB = (await verifyIdToken(((await (await exchange(b)).json()) as { id_token: string }).id_token)).payload.sub;
    expect(subA).not.toBe(subB);
  });

  it('re-renders the form with French errors (400) and keeps the typed values, escaped', async () => {
    const form = authorizeParams();
    for (const [name, value] of Object.entries({
      ...camille,
      nomNaissance: '<script>x</script>',
      sexeEtatCivil: 'X',
      dateNaissance: '2001-02-30',
      codeCogInseeCommuneNaissance: '',
    })) {
      form.set(name, value);
    }
    const res = await postForm('/authorize', form);
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
    const html = await res.text();
    expect(html).toContain('role="alert"');
    expect(html).toContain('Le nom de naissance ne peut contenir que des lettres');
    expect(html).toContain('Choisissez le sexe à l’état civil');
    expect(html).toContain('La date de naissance doit être une date valide');
    expect(html).toContain('Le code COG de la commune de naissance est obligatoire');
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain('value="&lt;script&gt;x&lt;/script&gt;"');
    expect(html).toContain('value="Martin"');
    expect(html).not.toContain('<script');
  });

  it('answers an empty form with errors, not a crash', async () => {
    const res = await postForm('/authorize', new URLSearchParams([...authorizeParams(), ['action', 'identity']]));
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Le nom de naissance est obligatoire.');
  });
});

describe('userinfo', () => {
  it('returns the ID token claims for a valid access token, 401 otherwise', async () => {
    const code = (await login({ persona: 'couple-dgfip' })).get('code') ?? '';
    const token = (await (await exchange(code)).json()) as { access_token: string; id_token: string };
    const res = await fetch(`${issuer}/userinfo`, { headers: { authorization: `Bearer ${token.access_token}` } });
    expect(res.status).toBe(200);
    const claims = (await res.json()) as Record<string, unknown>;
    const { payload } = await verifyIdToken(token.id_token);
    expect(claims).toEqual({
      sub: payload.sub,
      given_name: 'CAMILLE ANNE',
      family_name: 'DUPONT',
      preferred_username: 'MARTIN',
      birthdate: '1984-03-07',
      gender: 'female',
      birthplace: '75056',
      birthcountry: '99100',
      sandbox_identifiers: { numeroFiscal: '1234567890123', referenceAvis: '2210612345678' },
    });

    const missing = await fetch(`${issuer}/userinfo`);
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const bogus = await fetch(`${issuer}/userinfo`, { headers: { authorization: 'Bearer nope' } });
    expect(bogus.status).toBe(401);
    expect(await bogus.json()).toMatchObject({ error: 'invalid_token' });

    clock += 601_000;
    const expired = await fetch(`${issuer}/userinfo`, { headers: { authorization: `Bearer ${token.access_token}` } });
    expect(expired.status).toBe(401);
  });
});

describe('logout and routing', () => {
  it('redirects to an http(s) post_logout_redirect_uri with the state, and shows a page otherwise', async () => {
    const ok = await fetch(`${issuer}/logout?post_logout_redirect_uri=${encodeURIComponent('https://rp.example/bye')}&state=s1`, { redirect: 'manual' });
    expect(ok.status).toBe(302);
    expect(ok.headers.get('location')).toBe('https://rp.example/bye?state=s1');

    const hostile = await fetch(`${issuer}/logout?post_logout_redirect_uri=${encodeURIComponent('javascript:alert(1)')}`, { redirect: 'manual' });
    expect(hostile.status).toBe(200);
    expect(hostile.headers.get('location')).toBeNull();
    expect(await hostile.text()).toContain('Vous êtes déconnecté');
  });

  it('answers 404 for unknown paths and 405 for wrong methods', async () => {
    expect((await fetch(`${issuer}/nope`)).status).toBe(404);
    const wrong = await fetch(`${issuer}/token`);
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('POST');
  });
});
