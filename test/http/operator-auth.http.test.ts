import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { poll } from '../support/poll.js';
import { SignJWT, UnsecuredJWT, generateKeyPair, importJWK, type JWK } from 'jose';
import { createHmac } from 'node:crypto';
import { SealedSigningKeys } from '@hub/gateway';
import { startTestHub, gql, type TestHub } from '../support/test-hub.js';

let t: TestHub;
let operatorId: string;
let good: { token: string; jti: string };
let privateJwk: JWK;
let kid: string;

const VIEWER = '{ viewer { id name siret scopes tokenExpiresAt habilitations { purpose legalBasis scopes } } }';

beforeAll(async () => {
  t = await startTestHub();
  const op = await t.hub.admin.addOperator({ name: 'Mairie de Testville', siret: '21750001600019' });
  operatorId = op.id;
  await t.hub.admin.grantHabilitation({ operator: op.id, scopes: 'cnaf_quotient_familial,cnaf_enfants', purpose: 'Tarification de la cantine', legalBasis: 'CRPA L114-8' });
  good = await t.hub.admin.issueToken({ operator: op.id, ttl: '1h' });
  // The private key is stored encrypted (JWE under HUB_KEY_ENCRYPTION_KEY): open it as the hub does.
  const [key] = await new SealedSigningKeys(t.hub.store.signingKeys, t.hub.config.keyEncryptionKey).listLive();
  privateJwk = key!.privateJwk as JWK;
  kid = key!.kid;
});
afterAll(async () => t?.close());

/** Signs with the hub's real key, so only the claim under test is wrong. */
async function forge(claims: { iss?: string; sub?: string; jti?: string; exp?: number; nbf?: number }, header: Record<string, unknown> = {}) {
  const key = await importJWK(privateJwk, 'ES256');
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: 'ES256', kid, ...header })
    .setIssuer(claims.iss ?? t.hub.config.issuer)
    .setSubject(claims.sub ?? operatorId)
    .setJti(claims.jti ?? good.jti)
    .setIssuedAt(now - 10)
    .setNotBefore(claims.nbf ?? now - 10)
    .setExpirationTime(claims.exp ?? now + 600)
    .sign(key);
}

async function expectRefused(token: string | null, reason: string, headers: Record<string, string> = {}) {
  const r = await gql(t.url, token, VIEWER, undefined, headers);
  expect(r.status).toBe(401);
  expect(r.body.data).toBeUndefined();
  expect(r.body.errors).toHaveLength(1);
  expect(r.body.errors![0]!.extensions).toEqual({ code: 'UNAUTHENTICATED', reason });
  expect(JSON.stringify(r.body)).not.toMatch(/stack|at .*\.ts/);
}

describe('operator tokens over HTTP', () => {
  it('serves viewer to a valid token', async () => {
    const r = await gql(t.url, good.token, VIEWER);
    expect(r.status).toBe(200);
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data.viewer).toMatchObject({
      id: operatorId, name: 'Mairie de Testville', siret: '21750001600019',
      scopes: ['cnaf_enfants', 'cnaf_quotient_familial'],
      habilitations: [{ purpose: 'Tarification de la cantine', legalBasis: 'CRPA L114-8' }],
    });
    expect(Date.parse(r.body.data.viewer.tokenExpiresAt)).toBeGreaterThan(Date.now());
  });

  it('also answers GET /graphql?query=', async () => {
    const res = await fetch(`${t.url}/graphql?query=${encodeURIComponent('{ viewer { siret } }')}`, { headers: { authorization: `Bearer ${good.token}` } });
    expect(res.status).toBe(200);
    expect((await res.json()).data.viewer.siret).toBe('21750001600019');
  });

  it('refuses no token', () => expectRefused(null, 'missing_token'));
  it('refuses garbage', () => expectRefused('garbage.not-a.jwt', 'malformed_token'));
  it('refuses a non-Bearer scheme', async () => {
    const r = await gql(t.url, null, VIEWER, undefined, { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` });
    expect(r.body.errors![0]!.extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'malformed_token' });
  });

  it('refuses alg: none', async () => {
    const token = new UnsecuredJWT({ jti: good.jti }).setIssuer(t.hub.config.issuer).setSubject(operatorId).setExpirationTime('10m').encode();
    await expectRefused(token, 'unsupported_algorithm');
  });

  it('refuses HS256 signed with the public key (algorithm confusion)', async () => {
    const [key] = await t.hub.store.signingKeys.listLive();
    const secret = new TextEncoder().encode(JSON.stringify(key!.publicJwk));
    const header = Buffer.from(JSON.stringify({ alg: 'HS256', kid, typ: 'JWT' })).toString('base64url');
    const payload = Buffer.from(JSON.stringify({ iss: t.hub.config.issuer, sub: operatorId, jti: good.jti, exp: Math.floor(Date.now() / 1000) + 600 })).toString('base64url');
    const sig = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
    await expectRefused(`${header}.${payload}.${sig}`, 'unsupported_algorithm');
  });

  it('refuses an unknown kid', async () => expectRefused(await forge({}, { kid: 'no-such-key' }), 'unknown_kid'));

  it('refuses a bad signature (another key, same kid)', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    const token = await new SignJWT({}).setProtectedHeader({ alg: 'ES256', kid }).setIssuer(t.hub.config.issuer)
      .setSubject(operatorId).setJti(good.jti).setExpirationTime('10m').sign(privateKey);
    await expectRefused(token, 'bad_signature');
  });

  it('refuses a tampered payload', async () => {
    const [h, , s] = good.token.split('.');
    const p = Buffer.from(JSON.stringify({ iss: t.hub.config.issuer, sub: randomUUID(), jti: good.jti, exp: 9999999999 })).toString('base64url');
    await expectRefused(`${h}.${p}.${s}`, 'bad_signature');
  });

  it('refuses an expired token', async () => expectRefused(await forge({ exp: Math.floor(Date.now() / 1000) - 60 }), 'expired'));
  it('refuses a token not yet valid', async () => expectRefused(await forge({ nbf: Math.floor(Date.now() / 1000) + 3600 }), 'not_yet_valid'));
  it('refuses a wrong issuer', async () => expectRefused(await forge({ iss: 'https://evil.example' }), 'wrong_issuer'));
  it('refuses an unknown jti', async () => expectRefused(await forge({ jti: randomUUID() }), 'unknown_jti'));
  it('refuses a jti presented with another operator as subject', async () => expectRefused(await forge({ sub: randomUUID() }), 'unknown_jti'));

  it('refuses a revoked jti', async () => {
    const tok = await t.hub.admin.issueToken({ operator: operatorId, ttl: '1h' });
    expect((await gql(t.url, tok.token, VIEWER)).status).toBe(200);
    await t.hub.admin.revokeToken({ jti: tok.jti });
    // The principal cache holds for HUB_TOKEN_CACHE_SECONDS (2 s by default, ≤ 5 s).
    await poll(async () => (await gql(t.url, tok.token, VIEWER)).status, { timeout: 5000, interval: 250 }).toBe(401);
    await expectRefused(tok.token, 'revoked');
  });

  it('refuses the token of a deleted operator', async () => {
    const op = await t.hub.admin.addOperator({ name: 'Éphémère', siret: '21130055300016' });
    const tok = await t.hub.admin.issueToken({ operator: op.id, ttl: '1h' });
    await t.hub.admin.deleteOperator({ id: op.id });
    await expectRefused(tok.token, 'operator_deleted');
  });

  it('refuses an 8 KB Authorization header', async () => expectRefused('a'.repeat(8192), 'token_too_large'));

  it('keeps tokens of the previous key valid after rotation, and ends them when it is retired', async () => {
    const before = await t.hub.admin.issueToken({ operator: operatorId, ttl: '1h' });
    const { kid: newKid } = await t.hub.admin.rotateKey();
    const after = await t.hub.admin.issueToken({ operator: operatorId, ttl: '1h' });
    expect(JSON.parse(Buffer.from(after.token.split('.')[0]!, 'base64url').toString()).kid).toBe(newKid);
    expect((await gql(t.url, before.token, VIEWER)).status).toBe(200);
    expect((await gql(t.url, after.token, VIEWER)).status).toBe(200);
    const jwks = await (await fetch(`${t.url}/.well-known/jwks.json`)).json();
    // Signing keys only: the JWKS also publishes the FranceConnect encryption key (use: enc).
    expect(jwks.keys.filter((k: JWK) => k.use !== 'enc').map((k: JWK) => k.kid).sort()).toEqual([kid, newKid].sort());
    expect(jwks.keys.every((k: JWK) => k.d === undefined)).toBe(true);
    await t.hub.admin.retireKey({ kid });
    await expectRefused(before.token, 'unknown_kid');
    expect((await gql(t.url, after.token, VIEWER)).status).toBe(200);
  });
});

describe('HTTP surface', () => {
  // A token under the key in force (the rotation test above retired the first key).
  beforeAll(async () => {
    good = await t.hub.admin.issueToken({ operator: operatorId, ttl: '1h' });
  });

  it('answers healthz and readyz', async () => {
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${t.url}/readyz`);
    expect(ready.status).toBe(200);
    expect((await ready.json()).checks.database).toBe('ok');
  });

  it('masks GraphQL syntax errors as BAD_USER_INPUT without stack', async () => {
    const r = await gql(t.url, good.token, '{ viewer { ');
    expect(r.status).toBe(400);
    expect(r.body.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', reason: 'GRAPHQL_PARSE_FAILED' });
  });

  it('refuses malformed JSON and oversized bodies with coded errors', async () => {
    const bad = await fetch(`${t.url}/graphql`, { method: 'POST', headers: { authorization: `Bearer ${good.token}`, 'content-type': 'application/json' }, body: '{"query": ' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const huge = await fetch(`${t.url}/graphql`, { method: 'POST', headers: { authorization: `Bearer ${good.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ query: `{ viewer { id } } #${'x'.repeat(200_000)}` }) });
    expect(huge.status).toBe(413);
    expect((await huge.json()).errors[0].extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', limit: 'documentBytes' });
  });

  it('returns 404 JSON for unknown paths', async () => {
    const res = await fetch(`${t.url}/nope`);
    expect(res.status).toBe(404);
    expect((await res.json()).error).toBe('not_found');
  });
});

describe('hostile queries', () => {
  let token: string;
  beforeAll(async () => {
    token = (await t.hub.admin.issueToken({ operator: operatorId, ttl: '1h' })).token;
  });

  it('refuses too many aliases with QUERY_TOO_COMPLEX', async () => {
    const query = `{ ${Array.from({ length: 16 }, (_, i) => `a${i}: viewer { id }`).join(' ')} }`;
    const r = await gql(t.url, token, query);
    expect(r.status).toBe(400);
    expect(r.body.errors![0]!.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', limit: 'aliases' });
  });

  it('accepts the explorer introspection query', async () => {
    const r = await gql(t.url, token, '{ __schema { types { name fields { name type { name ofType { name ofType { name ofType { name ofType { name } } } } } } } } }');
    expect(r.status).toBe(200);
    expect(r.body.data.__schema.types.length).toBeGreaterThan(10);
  });
});

describe('explorer on the real hub', () => {
  it('serves GET / with its CSP and the assets it references, and nothing else under the assets prefix', async () => {
    const page = await fetch(`${t.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    expect(html).toContain('Jeton opérateur');
    expect(html).not.toMatch(/https?:\/\//);
    const assets = [...html.matchAll(/(?:src|href)="(\/explorer\/assets\/[^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
    expect(assets.length).toBeGreaterThanOrEqual(4);
    for (const a of assets) expect((await fetch(`${t.url}${a}`)).status).toBe(200);
    expect((await fetch(`${t.url}/explorer/assets/..%2Fpackage.json`)).status).toBe(404);
  });
});
