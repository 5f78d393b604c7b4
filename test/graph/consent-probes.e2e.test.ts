// Issue 4 "Must show", consent probes over real HTTP: every forged, misaddressed, expired or revoked
// consent token is refused with CONSENT_INVALID and its `reason`, `person` is null, and no upstream
// is called (the sandbox's call statistics stay empty).
import { randomUUID, createHmac } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { SignJWT, UnsecuredJWT, generateKeyPair, importJWK, type JWK } from 'jose';
import { SCOPE_CATALOGUE } from '@hub/policy';
import { SealedSigningKeys } from '@hub/gateway';
import { startTestHub, gql, type TestHub } from '../support/test-hub.js';

type CallCount = { route: string; params: Record<string, string | string[]>; count: number };

const CONSENT_TYP = 'consent+jwt';
const SCOPES = ['identite_pivot', ...SCOPE_CATALOGUE.filter((s) => s.source === 'DGFIP' || s.source === 'FRANCE_TRAVAIL').map((s) => s.name)];
const QUERY = `query($c: String!) { person(consent: $c) {
  identity { birthName }
  taxHousehold { taxNotice { referenceTaxIncome } declarant1 { birthName } }
  jobSeeker { identifier payments { date } }
} }`;

let t: TestHub;
let operatorA: string;
let operatorB: string;
let tokenA: string;
let tokenB: { token: string; jti: string };
let good: { id: string; token: string };
let privateJwk: JWK;
let kid: string;

beforeAll(async () => {
  t = await startTestHub();
  const a = await t.hub.admin.addOperator({ name: 'Mairie de Testville', siret: '21750001600019' });
  const b = await t.hub.admin.addOperator({ name: 'Mairie de Voisinville', siret: '21130055300016' });
  operatorA = a.id;
  operatorB = b.id;
  for (const op of [a.id, b.id]) {
    await t.hub.admin.grantHabilitation({ operator: op, scopes: SCOPES.join(','), purpose: 'Tarification sociale', legalBasis: 'CRPA L114-8' });
  }
  tokenA = (await t.hub.admin.issueToken({ operator: a.id, ttl: '1h' })).token;
  tokenB = await t.hub.admin.issueToken({ operator: b.id, ttl: '1h' });
  good = await grant(operatorA);
  // The private key is stored encrypted (JWE under HUB_KEY_ENCRYPTION_KEY): open it as the hub does.
  const [key] = await new SealedSigningKeys(t.hub.store.signingKeys, t.hub.config.keyEncryptionKey).listLive();
  privateJwk = key!.privateJwk as JWK;
  kid = key!.kid;
});
afterAll(async () => t?.close());

beforeEach(async () => {
  await fetch(`${t.url}/sandbox/_stats/reset`, { method: 'POST', headers: { authorization: 'Bearer sandbox' } });
});

function grant(operator: string, ttl = '1h', persona = 'marc-chevalier') {
  return t.hub.admin.grantConsent({ operator, scopes: SCOPES.join(','), purpose: 'Tarification sociale', persona, ttl });
}

async function calls(): Promise<CallCount[]> {
  return ((await (await fetch(`${t.url}/sandbox/_stats`, { headers: { authorization: 'Bearer sandbox' } })).json()) as { calls: CallCount[] }).calls;
}

/** A consent token signed with the hub's real key: only the claim or header under test is wrong. */
async function forge(claims: { iss?: string; aud?: string; sub?: string; exp?: number; nbf?: number } = {}, header: Record<string, unknown> = {}) {
  const key = await importJWK(privateJwk, 'ES256');
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ scope: SCOPES.join(' ') })
    .setProtectedHeader({ alg: 'ES256', kid, typ: CONSENT_TYP, ...header })
    .setIssuer(claims.iss ?? t.hub.config.issuer)
    .setAudience(claims.aud ?? operatorA)
    .setSubject(claims.sub ?? good.id)
    .setIssuedAt(now - 10)
    .setNotBefore(claims.nbf ?? now - 10)
    .setExpirationTime(claims.exp ?? now + 600)
    .sign(key);
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const decode = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString()) as Record<string, unknown>;

/** Presented by operator A: refused with the reason, person null, nothing else released, no call. */
async function expectRefused(consent: string, reason: string, operatorToken = tokenA) {
  const r = await gql(t.url, operatorToken, QUERY, { c: consent });
  expect(r.status).toBe(200);
  expect(r.body.data).toEqual({ person: null });
  expect(r.body.errors).toHaveLength(1);
  expect(r.body.errors![0]!.path).toEqual(['person']);
  expect(r.body.errors![0]!.extensions).toEqual({ code: 'CONSENT_INVALID', reason });
  expect(JSON.stringify(r.body)).not.toMatch(/CHEVALIER|3141592B|stack/);
  expect(await calls()).toEqual([]);
}

describe('consent probes', () => {
  it('serves a valid consent (the control: the query does reach the sources)', async () => {
    const r = await gql(t.url, tokenA, QUERY, { c: good.token });
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data.person.identity.birthName).toBe('CHEVALIER');
    expect(r.body.data.person.jobSeeker.identifier).toBe('3141592B');
    expect(r.body.data.person.taxHousehold.taxNotice.referenceTaxIncome).toEqual(expect.any(Number));
    expect((await calls()).map((c) => c.route).sort()).toEqual([
      '/api/v2/avis-imposition', '/v3/france_travail/indemnites/identifiant', '/v3/france_travail/statut/identifiant',
    ]);
  });

  it('refuses the consent of another operator (wrong_audience)', async () => {
    const other = await grant(operatorB);
    await expectRefused(other.token, 'wrong_audience');
    // The same token works for the operator it was given to.
    const r = await gql(t.url, tokenB.token, QUERY, { c: other.token });
    expect(r.body.data.person.identity.birthName).toBe('CHEVALIER');
  });

  it('refuses another operator\'s consent re-addressed to the caller with the hub\'s own key (unknown_consent)', async () => {
    const other = await grant(operatorB);
    const consentId = decode(other.token.split('.')[1]!).sub as string;
    await expectRefused(await forge({ aud: operatorA, sub: consentId }), 'unknown_consent');
  });

  it('refuses an expired consent: granted for 1 s, then waited for', async () => {
    const short = await grant(operatorA, '1s');
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    await expectRefused(short.token, 'expired');
  });

  it('refuses a consent token whose exp is past (forged with the hub key)', async () => {
    await expectRefused(await forge({ exp: Math.floor(Date.now() / 1000) - 60 }), 'expired');
  });

  it('refuses a consent token not yet valid', async () => {
    await expectRefused(await forge({ nbf: Math.floor(Date.now() / 1000) + 3600 }), 'not_yet_valid');
  });

  it('refuses a revoked consent at the next query', async () => {
    const c = await grant(operatorA);
    const before = await gql(t.url, tokenA, QUERY, { c: c.token });
    expect(before.body.data.person.identity.birthName).toBe('CHEVALIER');
    await t.hub.admin.revokeConsent({ id: c.id });
    await fetch(`${t.url}/sandbox/_stats/reset`, { method: 'POST', headers: { authorization: 'Bearer sandbox' } });
    await expectRefused(c.token, 'revoked');
  });

  it('refuses a token re-signed with another key under the hub\'s kid (bad_signature)', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    const [h, p] = good.token.split('.');
    const token = await new SignJWT(decode(p!)).setProtectedHeader(decode(h!) as { alg: string }).sign(privateKey);
    expect(decode(token.split('.')[0]!).kid).toBe(kid);
    await expectRefused(token, 'bad_signature');
  });

  it('refuses a token signed with a key the hub does not know (unknown_kid)', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    const token = await new SignJWT(decode(good.token.split('.')[1]!)).setProtectedHeader({ alg: 'ES256', kid: 'attacker-key', typ: CONSENT_TYP }).sign(privateKey);
    await expectRefused(token, 'unknown_kid');
  });

  it('refuses alg: none (unsupported_algorithm)', async () => {
    const unsigned = new UnsecuredJWT(decode(good.token.split('.')[1]!)).encode();
    await expectRefused(unsigned, 'unsupported_algorithm');
    // Also with the consent typ and the hub's kid in the header.
    const [, p] = good.token.split('.');
    await expectRefused(`${b64({ alg: 'none', kid, typ: CONSENT_TYP })}.${p}.`, 'unsupported_algorithm');
  });

  it('refuses HS256 signed with the public key (unsupported_algorithm)', async () => {
    const [key] = await t.hub.store.signingKeys.listLive();
    const header = b64({ alg: 'HS256', kid, typ: CONSENT_TYP });
    const payload = good.token.split('.')[1]!;
    const sig = createHmac('sha256', JSON.stringify(key!.publicJwk)).update(`${header}.${payload}`).digest('base64url');
    await expectRefused(`${header}.${payload}.${sig}`, 'unsupported_algorithm');
  });

  it('refuses a tampered payload: another citizen\'s consent id, or a later expiry (bad_signature)', async () => {
    const victim = await grant(operatorA, '1h', 'sophie-lambert');
    const [h, p, s] = good.token.split('.');
    const claims = decode(p!);
    await expectRefused(`${h}.${b64({ ...claims, sub: decode(victim.token.split('.')[1]!).sub })}.${s}`, 'bad_signature');
    await expectRefused(`${h}.${b64({ ...claims, exp: 9_999_999_999 })}.${s}`, 'bad_signature');
  });

  it('refuses an operator access token presented as a consent (wrong_token_type)', async () => {
    await expectRefused(tokenA, 'wrong_token_type');
    // Even one naming the caller as audience and a real consent as subject, without the consent typ.
    await expectRefused(await forge({}, { typ: 'JWT' }), 'wrong_token_type');
  });

  it('refuses a token of another issuer signed with the hub key (wrong_issuer)', async () => {
    await expectRefused(await forge({ iss: 'https://evil.example' }), 'wrong_issuer');
  });

  it('refuses an unknown consent id signed with the hub key (unknown_consent)', async () => {
    await expectRefused(await forge({ sub: randomUUID() }), 'unknown_consent');
  });

  it('refuses garbage (malformed)', async () => {
    await expectRefused('garbage', 'malformed');
    await expectRefused('a.b.c', 'malformed');
    await expectRefused('', 'malformed');
  });

  it('refuses an oversized token (too_large)', async () => {
    await expectRefused(`${good.token}${'A'.repeat(4096)}`, 'too_large');
  });

  it('refuses each probe alone under persons, with no upstream call for the refused entries', async () => {
    const probes = [
      { token: (await grant(operatorB)).token, reason: 'wrong_audience' },
      { token: await forge({ exp: Math.floor(Date.now() / 1000) - 60 }), reason: 'expired' },
      { token: new UnsecuredJWT({ sub: good.id, aud: operatorA }).encode(), reason: 'unsupported_algorithm' },
      { token: tokenA, reason: 'wrong_token_type' },
      { token: 'garbage', reason: 'malformed' },
    ];
    const r = await gql(t.url, tokenA, 'query($cs: [String!]!) { persons(consents: $cs) { identity { birthName } jobSeeker { identifier } } }', {
      cs: probes.map((p) => p.token),
    });
    expect(r.body.data.persons).toEqual(probes.map(() => null));
    expect(r.body.errors!.map((e) => [e.path, e.extensions])).toEqual(
      probes.map((p, i) => [['persons', i], { code: 'CONSENT_INVALID', reason: p.reason }]),
    );
    expect(await calls()).toEqual([]);
  });
});
