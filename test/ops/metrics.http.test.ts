// Issue 15 "Must show", metrics: /metrics (bearer HUB_METRICS_TOKEN) after a consented query, a
// denied field, an upstream fault and a rate-limit refusal finds each counted; the whole
// exposition parses with a strict Prometheus text parser; no persona name, birth date or
// identifier appears in it; operation names stay bounded.
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { expect } from '../support/expect.js';
import { personas } from '@hub/sandbox';
import { PROVIDERS } from '@hub/core';
import { startTestHub, gql, type TestHub } from '../support/test-hub.js';
import { parsePrometheusText, sampleSum } from '../support/prometheus-text.js';

const METRICS_TOKEN = 'metrics-token-for-the-test-0123456789';
let t: TestHub;
let operatorId: string;
let token: string;

async function scrape() {
  const res = await fetch(`${t.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  const text = await res.text();
  return { text, families: parsePrometheusText(text) };
}

beforeAll(async () => {
  t = await startTestHub({ HUB_METRICS_TOKEN: METRICS_TOKEN, HUB_UPSTREAM_TIMEOUT_MS: '1000' });
  const op = await t.hub.admin.addOperator({ name: 'CCAS de Metricville', siret: '21750001600019' });
  operatorId = op.id;
  await t.hub.admin.grantHabilitation({ operator: op.id, scopes: 'identite_pivot,cnaf_quotient_familial', purpose: 'Tarification sociale', legalBasis: 'CRPA L114-8' });
  token = (await t.hub.admin.issueToken({ operator: op.id, ttl: '1h' })).token;
});
afterAll(async () => {
  await fetch(`${t.url}/sandbox/_faults`, { method: 'DELETE', headers: { authorization: 'Bearer sandbox' } }).catch(() => undefined);
  await t?.close();
});

describe('/metrics', () => {
  it('is refused without the token, and is a 404 when neither HUB_METRICS_TOKEN nor HUB_METRICS_PORT is set', async () => {
    expect((await fetch(`${t.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${t.url}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    const bare = await startTestHub();
    try {
      expect((await fetch(`${bare.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).status).toBe(404);
      expect(bare.hub.metrics).toBeNull();
    } finally {
      await bare.close();
    }
  });

  it('counts a consented query, a denied field, an upstream fault and a rate-limit refusal, without personal data', async () => {
    const sophie = personas.find((p) => p.id === 'sophie-lambert')!;
    const consent = (await t.hub.admin.grantConsent({ operator: operatorId, scopes: 'identite_pivot,cnaf_quotient_familial', purpose: 'Tarification sociale', persona: sophie.id })).token;

    // 1. A consented query.
    const ok = await gql(t.url, token, 'query Cantine($c: String!) { person(consent: $c) { identity { birthName firstNames birthDate } } }', { c: consent });
    expect(ok.status).toBe(200);
    expect(ok.body.errors).toBeUndefined();
    expect(ok.body.data.person.identity.birthName).toBe(sophie.identity.nomNaissance);

    // 2. A denied field: the consent does not cover the children (cnaf_enfants).
    const denied = await gql(t.url, token, 'query Enfants($c: String!) { person(consent: $c) { family { children { identity { firstNames } } } } }', { c: consent });
    expect(denied.body.errors?.length).toBeGreaterThan(0);
    const deniedCode = denied.body.errors![0]!.extensions!.code as string;

    // 3. An upstream fault: CNAF answers 500.
    const fault = await fetch(`${t.url}/sandbox/_faults`, {
      method: 'PUT', headers: { 'content-type': 'application/json', authorization: 'Bearer sandbox' },
      body: JSON.stringify({ route: '/v3/dss/quotient_familial/identite', status: 500, errorRate: 1 }),
    });
    expect(fault.status).toBe(200);
    const faulty = await gql(t.url, token, 'query Quotient($c: String!) { person(consent: $c) { family { familyQuotient { value } } } }', { c: consent });
    expect(faulty.body.errors?.[0]?.extensions?.provider).toBe('CNAV');
    await fetch(`${t.url}/sandbox/_faults`, { method: 'DELETE', headers: { authorization: 'Bearer sandbox' } });

    // 4. A rate-limit refusal: another operator limited to 1 request a minute.
    const limited = await t.hub.admin.addOperator({ name: 'Mairie limitée', siret: '21690123100011' });
    await t.hub.admin.grantHabilitation({ operator: limited.id, scopes: 'identite_pivot', purpose: 'Tarification sociale', legalBasis: 'CRPA L114-8' });
    await t.hub.admin.setOperatorLimits({ operator: limited.id, rate: '1' });
    const limitedToken = (await t.hub.admin.issueToken({ operator: limited.id, ttl: '1h' })).token;
    expect((await gql(t.url, limitedToken, '{ viewer { name } }')).status).toBe(200);
    expect((await gql(t.url, limitedToken, '{ viewer { name } }')).status).toBe(429);

    // Operation names a client makes up are bounded: 150 distinct names, at most 100 labels.
    await Promise.all(Array.from({ length: 150 }, (_, i) => gql(t.url, token, `query Made${i} { viewer { name } }`)));

    const { text, families } = await scrape();
    const n = (name: string, labels: Record<string, string> = {}) => sampleSum(families, name, labels);
    expect(n('hub_graphql_requests_total', { operation: 'Cantine', outcome: 'OK' })).toBe(1);
    expect(n('hub_graphql_request_duration_seconds_count', { operation: 'Cantine' })).toBe(1);
    expect(n('hub_graphql_requests_total', { operation: 'Enfants', outcome: deniedCode })).toBe(1);
    expect(n('hub_graphql_errors_total', { code: deniedCode })).toBeGreaterThanOrEqual(1);
    expect(n('hub_graphql_requests_total', { outcome: 'RATE_LIMITED' })).toBe(1);
    expect(n('hub_limit_refusals_total', { limit: 'rate' })).toBe(1);
    expect(n('hub_upstream_calls_total', { provider: 'CNAV', route: '/v3/dss/quotient_familial/identite', outcome: 'ok' })).toBeGreaterThanOrEqual(0);
    expect(n('hub_upstream_errors_total', { provider: 'CNAV', route: '/v3/dss/quotient_familial/identite' })).toBeGreaterThanOrEqual(1);
    expect(n('hub_upstream_call_duration_seconds_count', { provider: 'CNAV' })).toBeGreaterThanOrEqual(1);
    expect(n('hub_upstream_circuit_state', { provider: 'CNAV' })).toBe(1);
    expect(n('hub_upstream_circuit_state', { provider: 'DGFIP', state: 'closed' })).toBe(1);
    expect(n('hub_consent_reads_total', { result: 'found' })).toBeGreaterThanOrEqual(3);
    expect(n('hub_consents_granted_total')).toBe(1);
    expect(n('hub_journal_commit_duration_seconds_count', { result: 'ok' })).toBeGreaterThanOrEqual(1);
    expect(n('hub_journal_batch_entries_sum')).toBeGreaterThanOrEqual(2);
    expect(n('hub_document_cache_entries')).toBeGreaterThanOrEqual(3);
    expect(n('process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(n('nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);

    const operations = new Set(families.get('hub_graphql_requests_total')!.samples.map((s) => s.labels.operation));
    expect(operations.size).toBeLessThanOrEqual(100 + 3); // + __other, __none, __anonymous
    expect(operations.has('__other')).toBe(true);

    // Nothing personal: names, birth date, identifiers, the consent token.
    const forbidden = [sophie.identity.nomNaissance, ...sophie.identity.prenoms, consent, token,
      ...Object.values(sophie.identifiers).filter((v): v is string => typeof v === 'string')];
    for (const value of forbidden) expect(text.toUpperCase()).not.toContain(value.toUpperCase());
    const birth = `${sophie.identity.anneeDateNaissance}-${String(sophie.identity.moisDateNaissance ?? 1).padStart(2, '0')}`;
    expect(text).not.toContain(birth);

    // A withdrawal is counted too.
    const consentId = (await t.hub.admin.grantConsent({ operator: operatorId, scopes: 'identite_pivot', purpose: 'Tarification sociale', persona: sophie.id })).id;
    await t.hub.admin.revokeConsent({ id: consentId });
    const after = (await scrape()).families;
    expect(sampleSum(after, 'hub_consents_granted_total')).toBe(2);
    expect(sampleSum(after, 'hub_consents_withdrawn_total')).toBe(1);
  });

  it('/readyz reports the database and each upstream circuit', async () => {
    const res = await fetch(`${t.url}/readyz`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.status).toBe('ready');
    expect(body.checks).toEqual({ database: 'ok' });
    expect(Object.keys(body.upstreams).sort()).toEqual([...PROVIDERS].sort());
    for (const state of Object.values(body.upstreams)) expect(['closed', 'half_open', 'open']).toContain(state);
  });
});
