// Issue 11 "Must show", rate limit and daily quota over real HTTP: the per-token rate (RateLimit-*
// headers on every authenticated /graphql response, then 429 RATE_LIMITED with Retry-After), the
// per-operator override, counters shared by two hub instances on one database, the daily
// distinct-citizen quota (RATE_LIMITED, reason subject_quota, for that person only), the Redis
// store when one answers on REDIS_URL (default 127.0.0.1:6379), and fail-closed when it does not.
import { createConnection } from 'node:net';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { expect } from '../support/expect.js';
import { createHub, loadConfig, MAX_LEASE, type Hub } from '@hub/gateway';
import { createStore } from '@hub/store';
import { personas } from '@hub/sandbox';
import { SCOPE_CATALOGUE } from '@hub/policy';
import { openTestDatabase } from '../support/test-database.js';
import { freePort, gql } from '../support/test-hub.js';

type Db = Awaited<ReturnType<typeof openTestDatabase>>;
let db: Db;
const hubs: Hub[] = [];
let urls: string[] = [];

async function startHub(store: ReturnType<typeof createStore>, env: Record<string, string> = {}): Promise<{ hub: Hub; url: string }> {
  const port = await freePort();
  const config = loadConfig({ PORT: String(port), HOST: '127.0.0.1', HUB_SANDBOX: '1', HUB_ISSUER: 'https://hub.test', LOG_LEVEL: 'silent', ...env });
  const hub = await createHub(config, { store });
  hubs.push(hub);
  return { hub, url: (await hub.listen()).url };
}

async function operator(hub: Hub, siret: string, limits?: { rate?: string; dailySubjects?: string }) {
  const op = await hub.admin.addOperator({ name: `Opérateur ${siret}`, siret });
  await hub.admin.grantHabilitation({ operator: op.id, scopes: 'identite_pivot', purpose: 'Tarification sociale', legalBasis: 'CRPA L114-8' });
  if (limits) await hub.admin.setOperatorLimits({ operator: op.id, ...limits });
  return { id: op.id, token: (await hub.admin.issueToken({ operator: op.id, ttl: '1h' })).token };
}

function redisAnswers(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    socket.setTimeout(500);
    socket.once('connect', () => { socket.write('PING\r\n'); });
    socket.once('data', (d) => { socket.destroy(); resolve(d.toString().startsWith('+PONG')); });
    socket.once('timeout', () => { socket.destroy(); resolve(false); });
    socket.once('error', () => resolve(false));
  });
}

/** 300 concurrent requests of one token spread over `targets` (limit 250): exactly 250 admitted, each
 * at its own position of the window (RateLimit-Remaining 0..249 once each), the other 50 refused. */
async function expectExactUnderConcurrency(targets: string[], token: string) {
  const responses = await Promise.all(Array.from({ length: 300 }, (_, i) => gql(targets[i % targets.length]!, token, VIEWER)));
  const admitted = responses.filter((r) => r.status === 200);
  expect(admitted).toHaveLength(250);
  expect(responses.filter((r) => r.status === 429)).toHaveLength(50);
  expect(admitted.map((r) => Number(r.headers.get('ratelimit-remaining'))).sort((a, b) => a - b)).toEqual(Array.from({ length: 250 }, (_, i) => i));
}

const VIEWER = '{ viewer { name } }';

beforeAll(async () => {
  db = await openTestDatabase();
  const store = createStore(db);
  urls = [(await startHub(store)).url, (await startHub(store)).url];
});

afterAll(async () => {
  for (const hub of hubs.reverse()) await hub.close();
  await db?.close();
});

describe('rate limit per operator token, shared by two instances on one database', () => {
  it('counts down in RateLimit-* headers across both hubs, then 429 RATE_LIMITED with Retry-After', async () => {
    const op = await operator(hubs[0]!, '21750001600019', { rate: '5' });
    for (let i = 0; i < 5; i++) {
      const r = await gql(urls[i % 2]!, op.token, VIEWER);
      expect(r.status).toBe(200);
      expect(r.headers.get('ratelimit-limit')).toBe('5');
      expect(r.headers.get('ratelimit-remaining')).toBe(String(4 - i));
      expect(Number(r.headers.get('ratelimit-reset'))).toBeGreaterThanOrEqual(1);
      expect(Number(r.headers.get('ratelimit-reset'))).toBeLessThanOrEqual(60);
    }
    for (const url of urls) {
      const r = await gql(url, op.token, VIEWER, undefined, { accept: 'application/graphql-response+json' });
      expect(r.status).toBe(429);
      expect(r.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
      const retryAfter = Number(r.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(r.headers.get('ratelimit-remaining')).toBe('0');
      expect(r.body.errors).toEqual([{ message: expect.any(String), extensions: { code: 'RATE_LIMITED', reason: 'rate', retryAfter } }]);
      expect(r.body.data).toBeUndefined();
    }
  });

  it('is exact under concurrency: 300 simultaneous requests over both hubs, limit 250 → exactly 250 admitted', async () => {
    const op = await operator(hubs[0]!, '21310555400017', { rate: '250' });
    await expectExactUnderConcurrency(urls, op.token);
  });

  // A high-rate token far from its limit takes blocks of positions (leases) from the shared count
  // and serves its requests from them without a store round trip (BatchedRateCounter): still every
  // position of the window goes to one request only, whichever hub answers it.
  it('gives every request of a high-rate token its own position across both hubs (leased blocks)', async () => {
    const op = await operator(hubs[0]!, '21330055300012', { rate: '100000' });
    const remaining: number[] = [];
    for (let wave = 0; wave < 6; wave++) {
      const responses = await Promise.all(Array.from({ length: 60 }, (_, i) => gql(urls[i % 2]!, op.token, VIEWER)));
      for (const r of responses) {
        expect(r.status).toBe(200);
        expect(r.headers.get('ratelimit-limit')).toBe('100000');
        remaining.push(Number(r.headers.get('ratelimit-remaining')));
      }
    }
    expect(new Set(remaining).size).toBe(360);
    for (const n of remaining) expect(n).toBeLessThan(100_000);
    // Positions a hub leased and has not used yet are counted too: under one and a half leases a hub.
    const jti = (JSON.parse(Buffer.from(op.token.split('.')[1]!, 'base64url').toString()) as { jti: string }).jti;
    const counted = Number((await db.knex('rate_limit_counters').where({ key: `hub-rate:${jti}` }).first<{ points: number }>())!.points);
    expect(counted).toBeGreaterThanOrEqual(360);
    expect(counted).toBeLessThanOrEqual(360 + 3 * MAX_LEASE);
    expect(Math.min(...remaining)).toBeGreaterThanOrEqual(100_000 - counted);
  });

  it('applies the default of 250 a minute to an operator without override', async () => {
    const op = await operator(hubs[0]!, '21690123100011');
    const r = await gql(urls[1]!, op.token, VIEWER);
    expect(r.status).toBe(200);
    expect(r.headers.get('ratelimit-limit')).toBe('250');
    expect(r.headers.get('ratelimit-remaining')).toBe('249');
  });

  // The count runs while the query goes on (docs/architecture.md, step 2): a refused request may
  // read its consents, but calls no upstream, admits no citizen to the quota and journals nothing.
  // `a` is a citizen already admitted today (its fields go on as far as the gates), `b` a newcomer.
  it('a refused request calls no upstream, admits no citizen to the quota and journals nothing', async () => {
    const hub = hubs[0]!;
    const op = await hub.admin.addOperator({ name: 'Opérateur pressé', siret: '21750001600027' });
    const scopes = [...SCOPE_CATALOGUE.filter((s) => s.source === 'DGFIP').map((s) => s.name), 'identite_pivot'].join(',');
    await hub.admin.grantHabilitation({ operator: op.id, scopes, purpose: 'Tarification sociale', legalBasis: 'CRPA L114-8' });
    await hub.admin.setOperatorLimits({ operator: op.id, rate: '1' });
    const token = (await hub.admin.issueToken({ operator: op.id, ttl: '1h' })).token;
    const grant = async (persona: string) => (await hub.admin.grantConsent({ operator: op.id, scopes, purpose: 'Tarification sociale', persona })).token;
    const [a, b] = [await grant('marc-chevalier'), await grant(personas.find((p) => p.id !== 'marc-chevalier')!.id)];
    const query = 'query($a: String!, $b: String!) { a: person(consent: $a) { identity { birthName } taxHousehold { taxNotice { referenceTaxIncome } } } b: person(consent: $b) { identity { birthName } } }';
    const first = await gql(urls[0]!, token, 'query($a: String!) { person(consent: $a) { taxHousehold { taxNotice { referenceTaxIncome } } } }', { a });
    expect(first.status).toBe(200);
    const count = async (table: string) => Number((await db.knex(table).where({ operator_id: op.id }).count({ n: '*' }).first())!.n);
    expect([await count('subject_quota_uses'), await count('journal_entries')]).toEqual([1, 1]);
    const sandbox = { authorization: 'Bearer sandbox' };
    expect((await fetch(`${urls[0]}/sandbox/_stats/reset`, { method: 'POST', headers: sandbox })).status).toBe(200);
    const stats = async () => ((await (await fetch(`${urls[0]}/sandbox/_stats`, { headers: sandbox })).json()) as { calls: unknown[] }).calls;
    // The test holds the token's counter row: the count waits, the query goes on as far as it may.
    const jti = (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { jti: string }).jti;
    const trx = await db.knex.transaction();
    let refused;
    try {
      await trx('rate_limit_counters').where({ key: `hub-rate:${jti}` }).forUpdate().select('points');
      const pending = gql(urls[0]!, token, query, { a, b });
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(await stats()).toEqual([]);
      await trx.commit();
      refused = await pending;
    } finally {
      if (!trx.isCompleted()) await trx.rollback();
    }
    expect(refused.status).toBe(429);
    expect(refused.body.data).toBeUndefined();
    expect(refused.body.errors?.map((e: { extensions?: { code?: string } }) => e.extensions?.code)).toEqual(['RATE_LIMITED']);
    expect(await stats()).toEqual([]);
    expect([await count('subject_quota_uses'), await count('journal_entries')]).toEqual([1, 1]);
  });

  it('sends no RateLimit-* header on a refused token', async () => {
    const r = await gql(urls[0]!, 'not-a-token', VIEWER);
    expect(r.status).toBe(401);
    expect(r.headers.get('ratelimit-limit')).toBeNull();
  });
});

describe('daily distinct-citizen quota per operator and purpose', () => {
  it('refuses the citizen beyond the quota (null + RATE_LIMITED subject_quota), still serves those counted, on both hubs', async () => {
    const op = await operator(hubs[0]!, '21130055300016', { dailySubjects: '2' });
    const consents: string[] = [];
    for (const persona of personas.slice(0, 3)) {
      consents.push((await hubs[0]!.admin.grantConsent({ operator: op.id, scopes: 'identite_pivot', purpose: 'Tarification sociale', persona: persona.id })).token);
    }
    const query = 'query($c: [String!]!) { persons(consents: $c) { identity { birthName } } }';
    const first = await gql(urls[0]!, op.token, query, { c: consents });
    expect(first.status).toBe(200);
    expect(first.body.data.persons[0].identity.birthName).toEqual(expect.any(String));
    expect(first.body.data.persons[1].identity.birthName).toEqual(expect.any(String));
    expect(first.body.data.persons[2]).toBeNull();
    expect(first.body.errors).toEqual([{
      message: expect.any(String), path: ['persons', 2], locations: expect.any(Array),
      extensions: { code: 'RATE_LIMITED', reason: 'subject_quota', retryAfter: expect.any(Number) },
    }]);
    // The other instance sees the same count: the third citizen is still refused, the first two served.
    const single = 'query($c: String!) { person(consent: $c) { identity { birthName } } }';
    const again = await gql(urls[1]!, op.token, single, { c: consents[2] });
    expect(again.body.data.person).toBeNull();
    expect(again.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', reason: 'subject_quota' });
    const known = await gql(urls[1]!, op.token, single, { c: consents[0] });
    expect(known.body.errors).toBeUndefined();
    expect(known.body.data.person.identity.birthName).toEqual(expect.any(String));
  });
});

describe('Redis counters (REDIS_URL)', () => {
  it('shares the rate and the quota between two hubs through Redis', async () => {
    if (!(await redisAnswers('127.0.0.1', 6379))) {
      console.warn('rate-limit.http.test: no Redis on 127.0.0.1:6379, the Redis path is not tested');
      return;
    }
    const store = createStore(db);
    const a = await startHub(store, { REDIS_URL: 'redis://127.0.0.1:6379' });
    const b = await startHub(store, { REDIS_URL: 'redis://127.0.0.1:6379' });
    const op = await operator(a.hub, '21330063500017', { rate: '3', dailySubjects: '1' });
    const consents = [];
    for (const persona of personas.slice(0, 2)) {
      consents.push((await a.hub.admin.grantConsent({ operator: op.id, scopes: 'identite_pivot', purpose: 'Tarification sociale', persona: persona.id })).token);
    }
    const single = 'query($c: String!) { person(consent: $c) { identity { birthName } } }';
    const r1 = await gql(a.url, op.token, single, { c: consents[0] });
    expect(r1.headers.get('ratelimit-limit')).toBe('3');
    expect(r1.headers.get('ratelimit-remaining')).toBe('2');
    expect(r1.body.data.person.identity.birthName).toEqual(expect.any(String));
    const r2 = await gql(b.url, op.token, single, { c: consents[1] });
    expect(r2.headers.get('ratelimit-remaining')).toBe('1');
    expect(r2.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', reason: 'subject_quota' });
    expect((await gql(a.url, op.token, VIEWER)).headers.get('ratelimit-remaining')).toBe('0');
    const refused = await gql(b.url, op.token, VIEWER);
    expect(refused.status).toBe(429);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', reason: 'rate' });
    const busy = await operator(a.hub, '21670482500019', { rate: '250' });
    await expectExactUnderConcurrency([a.url, b.url], busy.token);
  });

  it('fails closed with SERVICE_UNAVAILABLE (rate_limit_store_unavailable) when the store does not answer', async () => {
    const closedPort = await freePort();
    const { hub, url } = await startHub(createStore(db), { REDIS_URL: `redis://127.0.0.1:${closedPort}` });
    const op = await operator(hub, '21590350100017');
    const r = await gql(url, op.token, VIEWER);
    expect(r.status).toBe(503);
    expect(r.headers.get('retry-after')).toBe('5');
    expect(r.body.errors).toEqual([{ message: expect.stringContaining('unreachable'), extensions: { code: 'SERVICE_UNAVAILABLE', reason: 'rate_limit_store_unavailable', retryAfter: 5 } }]);
  });
});
