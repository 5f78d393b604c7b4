// Issue 13 "Must show", over real HTTP: answers FranceConnect must not be trusted with are refused
// with CONSENT_INVALID and a reason; FranceConnect refusing our credentials, or down, is
// PROVIDER_UNAVAILABLE (provider FRANCECONNECT) — never the citizen's fault. The hub talks to a
// fake FranceConnect of this file (it forges what the sandbox's emulation never would), and to
// the sandbox's emulation for the other-client, fault and argument cases.
import http, { type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { CompactEncrypt, SignJWT, UnsecuredJWT, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import { ALL_SCOPE_NAMES } from '@hub/policy';
import { freePort, gql } from '../support/test-hub.js';
import { startFranceConnectWorld, stagingCases, type FranceConnectWorld } from './franceconnect-fixture.js';

const ISSUER = 'https://fc.test/api/v2';
const HUB_CLIENT = 'hub-client-id';
const SECRET = 'hub-client-secret';
const all = stagingCases().find((c) => c.token === 'all_fc')!;

type Forgery = { status?: number; body?: string; signWith?: 'fc' | 'other' | 'none'; encryptTo?: 'hub' | 'other'; payload?: (p: Record<string, any>) => Record<string, any> };

let fcKey: { privateKey: CryptoKey; publicJwk: JWK };
let otherKey: CryptoKey;
let otherRsa: CryptoKey;
let fake: Server;
let fakeUrl: string;
let hubUrl = '';
let lastForm: URLSearchParams | null = null;
let lastAuthorization: string | undefined;

const forgeries: Record<string, Forgery> = {
  good: {},
  inactive: { payload: (p) => ({ ...p, token_introspection: { active: false } }) },
  expired: { payload: (p) => ({ ...p, token_introspection: { ...p.token_introspection, exp: Math.floor(Date.now() / 1000) - 10 } }) },
  forged: { signWith: 'other' },
  'alg-none': { signWith: 'none' },
  'other-jwe-key': { encryptTo: 'other' },
  'wrong-aud': { payload: (p) => ({ ...p, aud: 'another-data-provider' }) },
  'wrong-iss': { payload: (p) => ({ ...p, iss: 'https://evil.test' }) },
  'extra-claim': { payload: (p) => ({ ...p, sub: 'x' }) },
  'stale-iat': { payload: (p) => ({ ...p, iat: Math.floor(Date.now() / 1000) - 3600 }) },
  'invalid-client': { status: 401, body: '{"error":"invalid_client"}' },
  'invalid-request': { status: 400, body: '{"error":"invalid_request"}' },
  down: { status: 503, body: '' },
};

async function answer(token: string): Promise<{ status: number; body: string; type: string }> {
  const forgery = forgeries[token];
  if (!forgery) return { status: 400, body: '{"error":"invalid_request"}', type: 'application/json' };
  if (forgery.status) return { status: forgery.status, body: forgery.body ?? '', type: 'application/json' };
  const now = Math.floor(Date.now() / 1000);
  const base = { token_introspection: { ...all.introspection, iat: now, exp: now + 60 }, aud: HUB_CLIENT, iat: now, iss: ISSUER };
  const payload = forgery.payload ? forgery.payload(base) : base;
  let jws: string;
  if (forgery.signWith === 'none') jws = new UnsecuredJWT(payload).encode();
  else jws = await new SignJWT(payload).setProtectedHeader({ alg: 'ES256', kid: 'fc-key' }).sign(forgery.signWith === 'other' ? otherKey : fcKey.privateKey);
  let key: CryptoKey = otherRsa;
  if (forgery.encryptTo !== 'other') {
    const jwks = (await (await fetch(`${hubUrl}/.well-known/jwks.json`)).json()) as { keys: JWK[] };
    const enc = jwks.keys.find((k) => k.use === 'enc')!;
    key = (await importJWK({ kty: enc.kty!, n: enc.n!, e: enc.e! }, 'RSA-OAEP-256')) as CryptoKey;
  }
  const jwe = await new CompactEncrypt(new TextEncoder().encode(jws)).setProtectedHeader({ alg: 'RSA-OAEP-256', enc: 'A256GCM' }).encrypt(key);
  return { status: 200, body: jwe, type: 'application/token-introspection+jwt' };
}

let w: FranceConnectWorld;

beforeAll(async () => {
  const pair = await generateKeyPair('ES256', { extractable: true });
  fcKey = { privateKey: pair.privateKey, publicJwk: { ...(await exportJWK(pair.publicKey)), kid: 'fc-key', alg: 'ES256', use: 'sig' } };
  otherKey = (await generateKeyPair('ES256')).privateKey;
  otherRsa = (await generateKeyPair('RSA-OAEP-256', { modulusLength: 2048 })).publicKey;
  fake = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        if (req.url === '/jwks') {
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [fcKey.publicJwk] }));
          return;
        }
        lastForm = new URLSearchParams(Buffer.concat(chunks).toString());
        lastAuthorization = req.headers.authorization;
        const a = await answer(lastForm.get('token') ?? '');
        res.writeHead(a.status, { 'content-type': a.type }).end(a.body);
      })();
    });
  });
  await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
  fakeUrl = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
  w = await startFranceConnectWorld(ALL_SCOPE_NAMES, {
    HUB_FRANCECONNECT_CHECKTOKEN_URL: `${fakeUrl}/checktoken`, HUB_FRANCECONNECT_JWKS_URL: `${fakeUrl}/jwks`,
    HUB_FRANCECONNECT_ISSUER: ISSUER, HUB_FRANCECONNECT_CLIENT_ID: HUB_CLIENT, HUB_FRANCECONNECT_CLIENT_SECRET: SECRET,
  });
  hubUrl = w.t.url;
});
afterAll(async () => {
  await w?.t.close();
  await new Promise<void>((resolve) => (fake ? fake.close(() => resolve()) : resolve()));
});

describe('check-token answers the hub must refuse', () => {
  it('accepts a well-formed answer, and posts exactly token, client_id, client_secret in the body (no Basic auth)', async () => {
    const { body } = await w.query('good', 'identity { birthName }');
    expect(body.errors).toBeUndefined();
    expect(body.data.person.identity.birthName).toBe('Delatour');
    expect([...lastForm!.keys()].sort()).toEqual(['client_id', 'client_secret', 'token']);
    expect(lastForm!.get('client_id')).toBe(HUB_CLIENT);
    expect(lastForm!.get('client_secret')).toBe(SECRET);
    expect(lastAuthorization).toBeUndefined();
  });

  it.each([
    ['inactive', 'franceconnect_inactive'],
    ['expired', 'franceconnect_expired'],
    ['forged', 'franceconnect_signature'],
    ['alg-none', 'franceconnect_signature'],
    ['other-jwe-key', 'franceconnect_decryption'],
    ['wrong-aud', 'franceconnect_audience'],
    ['wrong-iss', 'franceconnect_issuer'],
    ['extra-claim', 'franceconnect_malformed'],
    ['stale-iat', 'franceconnect_expired'],
  ])('%s → CONSENT_INVALID %s, person null', async (token, reason) => {
    const { body } = await w.query(token, 'identity { birthName }');
    expect(body.data.person).toBeNull();
    expect(body.errors).toEqual([expect.objectContaining({ path: ['person'], extensions: { code: 'CONSENT_INVALID', reason } })]);
  });

  it.each([
    ['invalid-client', 'franceconnect_invalid_client'],
    ['invalid-request', 'franceconnect_invalid_request'],
    ['down', 'franceconnect_unavailable'],
  ])('FranceConnect %s → PROVIDER_UNAVAILABLE FRANCECONNECT %s', async (token, reason) => {
    const { body } = await w.query(token, 'identity { birthName }');
    expect(body.data.person).toBeNull();
    expect(body.errors).toEqual([expect.objectContaining({ extensions: { code: 'PROVIDER_UNAVAILABLE', provider: 'FRANCECONNECT', reason } })]);
  });
});

describe('FranceConnect unreachable (closed port)', () => {
  it('is PROVIDER_UNAVAILABLE franceconnect_unavailable', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const v = await startFranceConnectWorld(['identite_pivot'], {
      HUB_FRANCECONNECT_CHECKTOKEN_URL: `${closed}/checktoken`, HUB_FRANCECONNECT_JWKS_URL: `${closed}/jwks`,
      HUB_FRANCECONNECT_ISSUER: ISSUER, HUB_FRANCECONNECT_CLIENT_ID: HUB_CLIENT, HUB_FRANCECONNECT_CLIENT_SECRET: SECRET,
    });
    try {
      const { body } = await v.query('all_fc', 'identity { birthName }');
      expect(body.errors).toEqual([expect.objectContaining({ extensions: { code: 'PROVIDER_UNAVAILABLE', provider: 'FRANCECONNECT', reason: 'franceconnect_unavailable' } })]);
    } finally {
      await v.t.close();
    }
  });
});

describe('against the sandbox emulation', () => {
  let s: FranceConnectWorld;
  const admin = { authorization: 'Bearer sandbox', 'content-type': 'application/json' };
  beforeAll(async () => {
    s = await startFranceConnectWorld(ALL_SCOPE_NAMES);
  });
  afterAll(async () => s?.t.close());
  beforeEach(async () => {
    await fetch(`${s.t.url}/sandbox/_faults`, { method: 'DELETE', headers: admin });
  });

  it("refuses another operator's token: franceconnect_other_client", async () => {
    const { body } = await s.query('all_fc', 'identity { birthName }', s.otherToken);
    expect(body.data.person).toBeNull();
    expect(body.errors).toEqual([expect.objectContaining({ extensions: { code: 'CONSENT_INVALID', reason: 'franceconnect_other_client' } })]);
  });

  it('an unknown token is inactive', async () => {
    const { body } = await s.query('no-such-token', 'identity { birthName }');
    expect(body.errors).toEqual([expect.objectContaining({ extensions: { code: 'CONSENT_INVALID', reason: 'franceconnect_inactive' } })]);
  });

  it('FranceConnect down (sandbox fault 503) → PROVIDER_UNAVAILABLE', async () => {
    await fetch(`${s.t.url}/sandbox/_faults`, { method: 'PUT', headers: admin, body: JSON.stringify({ route: '/franceconnect/checktoken', status: 503 }) });
    const { body } = await s.query('cnaf_css', 'identity { birthName }');
    expect(body.errors).toEqual([expect.objectContaining({ extensions: { code: 'PROVIDER_UNAVAILABLE', provider: 'FRANCECONNECT', reason: 'franceconnect_unavailable' } })]);
  });

  it('person takes exactly one of consent and franceConnectToken (BAD_USER_INPUT naming the argument)', async () => {
    const both = await gql(s.t.url, s.token, '{ person(consent: "x", franceConnectToken: "all_fc") { identity { birthName } } }');
    expect(both.body.errors).toEqual([expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', argument: 'franceConnectToken' } })]);
    const none = await gql(s.t.url, s.token, '{ person { identity { birthName } } }');
    expect(none.body.errors).toEqual([expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', argument: 'consent' } })]);
  });

  it('publishes the encryption key with use "enc" beside the signing keys', async () => {
    const jwks = (await (await fetch(`${s.t.url}/.well-known/jwks.json`)).json()) as { keys: JWK[] };
    expect(jwks.keys.filter((k) => k.use === 'enc')).toEqual([expect.objectContaining({ kty: 'RSA', alg: 'RSA-OAEP-256' })]);
    expect(jwks.keys.filter((k) => k.use === 'sig').length).toBeGreaterThan(0);
    for (const k of jwks.keys) expect(k).not.toHaveProperty('d');
  });
});
