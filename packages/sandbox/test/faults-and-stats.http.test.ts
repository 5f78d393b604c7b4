import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { startHarness, type Harness } from './sandbox-harness.js';

const QF = '/v3/dss/quotient_familial/identite';
const FT = '/v3/france_travail/statut/identifiant';
const DGFIP = '/api/v2/avis-imposition';
const julien = {
  nomNaissance: 'LAMBERT',
  prenoms: ['JULIEN'],
  sexeEtatCivil: 'M',
  anneeDateNaissance: 1982,
  codeCogInseePaysNaissance: '99100',
  codeCogInseeCommuneNaissance: '69123',
};
const marc = { identifiant: '3141592B' };

let harness: Harness;
const putFault = (fault: unknown) => harness.request('PUT', '/_faults', { body: JSON.stringify(fault), headers: { 'content-type': 'application/json' } });

beforeAll(async () => {
  harness = await startHarness();
});
afterAll(() => harness.close());
beforeEach(async () => {
  await harness.request('DELETE', '/_faults');
  await harness.request('POST', '/_stats/reset');
});

describe('statistics', () => {
  it('counts calls per route and parameter set, recipient aside, until a reset', async () => {
    await harness.get(QF, julien);
    await harness.get(QF, julien, { recipient: '21750001600019' });
    await harness.get(QF, { ...julien, prenoms: ['JULIEN', 'PIERRE'] });
    await harness.get(FT, marc);
    const stats = await harness.request('GET', '/_stats');
    expect(stats.status).toBe(200);
    const calls = (stats.json as { calls: Array<{ route: string; params: Record<string, unknown>; count: number }> }).calls;
    expect(calls).toHaveLength(3);
    expect(calls).toContainEqual({
      route: QF,
      params: {
        anneeDateNaissance: '1982',
        codeCogInseeCommuneNaissance: '69123',
        codeCogInseePaysNaissance: '99100',
        nomNaissance: 'LAMBERT',
        'prenoms[]': ['JULIEN'],
        sexeEtatCivil: 'M',
      },
      count: 2,
    });
    expect(calls.find((c) => (c.params['prenoms[]'] as string[]).length === 2)?.count).toBe(1);
    expect(calls).toContainEqual({ route: FT, params: { identifiant: '3141592B' }, count: 1 });
    // Keys come sorted, so clients can compare parameter sets as JSON.
    const qfCall = calls.find((c) => c.route === QF);
    expect(Object.keys(qfCall?.params ?? {})).toEqual(Object.keys(qfCall?.params ?? {}).sort());

    expect((await harness.request('POST', '/_stats/reset')).status).toBe(200);
    expect((await harness.request('GET', '/_stats')).json).toEqual({ calls: [] });
  });

  it('counts calls that a fault answered', async () => {
    await putFault({ route: QF, status: 502 });
    await harness.get(QF, julien);
    const calls = ((await harness.request('GET', '/_stats')).json as { calls: Array<{ count: number }> }).calls;
    expect(calls.map((c) => c.count)).toEqual([1]);
  });
});

describe('fault injection', () => {
  it('adds latency to the faulted route only', async () => {
    await putFault({ route: QF, latencyMs: 300 });
    let start = performance.now();
    expect((await harness.get(QF, julien)).status).toBe(200);
    expect(performance.now() - start).toBeGreaterThanOrEqual(290);
    start = performance.now();
    await harness.get(FT, marc);
    expect(performance.now() - start).toBeLessThan(250);
  });

  it('adds jitter on top of the fixed latency', async () => {
    await putFault({ route: '*', latencyMs: 50, jitterMs: 150 });
    const durations: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      const start = performance.now();
      await harness.get(FT, marc);
      durations.push(performance.now() - start);
    }
    expect(Math.min(...durations)).toBeGreaterThanOrEqual(45);
    expect(Math.max(...durations)).toBeLessThan(400);
    expect(Math.max(...durations) - Math.min(...durations)).toBeGreaterThan(5);
  });

  it('answers a chosen status with the provider’s real error body', async () => {
    await putFault({ route: QF, errorRate: 1, status: 504 });
    await putFault({ route: FT, status: 502 });
    await putFault({ route: DGFIP, status: 509 });
    const qf = await harness.get(QF, julien);
    expect(qf.status).toBe(504);
    expect(qf.json).toEqual({
      errors: [
        {
          code: '37002',
          title: 'Intermédiaire hors-délai',
          detail: 'Temps d’attente d’une réponse du fournisseur de données écoulé.',
          source: null,
          meta: { provider: 'CNAV' },
        },
      ],
    });
    const ft = await harness.get(FT, marc);
    expect(ft.status).toBe(502);
    expect((ft.json as { errors: Array<{ code: string; meta: unknown }> }).errors[0]).toMatchObject({ code: '24999', meta: { provider: 'France Travail' } });
    const dgfip = await harness.get(DGFIP, { numeroFiscal: '3012345678901', referenceAvis: '2569123456701' });
    expect(dgfip.status).toBe(509);
    expect(dgfip.json).toMatchObject({ error: 'rate_limited' });
    const rateLimited = await (async () => {
      await putFault({ route: QF, status: 429 });
      return harness.get(QF, julien);
    })();
    expect(rateLimited.status).toBe(429);
    expect((rateLimited.json as { errors: Array<{ code: string }> }).errors[0]?.code).toBe('00429');
  });

  it('fails about the configured share of calls', async () => {
    await putFault({ route: FT, errorRate: 0.5, status: 503 });
    const statuses = await Promise.all(Array.from({ length: 200 }, () => harness.get(FT, marc).then((r) => r.status)));
    const failed = statuses.filter((s) => s === 503).length;
    expect(statuses.every((s) => s === 200 || s === 503)).toBe(true);
    expect(failed).toBeGreaterThan(60);
    expect(failed).toBeLessThan(140);
  });

  it('hangs until the client gives up, then serves normally once cleared', async () => {
    await putFault({ route: QF, hang: true });
    const start = performance.now();
    await expect(
      fetch(`${harness.url}${QF}?recipient=13002526500013`, { signal: AbortSignal.timeout(300) }),
    ).rejects.toThrow();
    expect(performance.now() - start).toBeGreaterThanOrEqual(280);
    const cleared = await harness.request('DELETE', `/_faults?route=${encodeURIComponent(QF)}`);
    expect(cleared.json).toEqual({ faults: [] });
    expect((await harness.get(QF, julien)).status).toBe(200);
  });

  it('sends a 200 whose body is not JSON (garbage)', async () => {
    await putFault({ route: FT, garbage: true });
    const reply = await harness.get(FT, marc);
    expect(reply.status).toBe(200);
    expect(reply.text.length).toBeGreaterThan(0);
    expect(() => JSON.parse(reply.text)).toThrow();
  });

  it('sends a 200 whose JSON is cut short (truncated)', async () => {
    const whole = await harness.get(FT, marc);
    await putFault({ route: FT, truncated: true });
    const reply = await harness.get(FT, marc);
    expect(reply.status).toBe(200);
    expect(() => JSON.parse(reply.text)).toThrow();
    expect(whole.text.startsWith(reply.text)).toBe(true);
    expect(reply.text.length).toBeLessThan(whole.text.length);
  });

  it('lets a route’s own fault override the "*" fault', async () => {
    await putFault({ route: '*', status: 502 });
    await putFault({ route: FT, latencyMs: 1 });
    expect((await harness.get(QF, julien)).status).toBe(502);
    expect((await harness.get(FT, marc)).status).toBe(200);
    const listed = await harness.request('GET', '/_faults');
    expect((listed.json as { faults: unknown[] }).faults).toHaveLength(2);
  });

  it('takes an array of faults, as SANDBOX_FAULTS and the README give them', async () => {
    const reply = await putFault([{ route: QF, status: 503 }, { route: FT, garbage: true }]);
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({ faults: [{ route: QF, status: 503 }, { route: FT, garbage: true }] });
    expect((await harness.get(QF, julien)).status).toBe(503);
    const ft = await harness.get(FT, marc);
    expect(ft.status).toBe(200);
    expect(() => JSON.parse(ft.text)).toThrow();
    expect((await putFault([])).json).toEqual({ faults: [{ route: QF, status: 503 }, { route: FT, garbage: true }] });
  });

  it('takes initial faults from the options', async () => {
    const other = await startHarness({ faults: [{ route: '*', status: 503 }] });
    try {
      expect((await other.get(FT, marc)).status).toBe(503);
    } finally {
      await other.close();
    }
  });
});

describe('admin endpoints reject malformed bodies', () => {
  it.each([
    ['not JSON', '{route:', 'invalid_json'],
    ['empty', '', 'invalid_json'],
    ['an error rate above 1', JSON.stringify({ route: '*', errorRate: 2 }), 'invalid_fault'],
    ['an unknown field', JSON.stringify({ route: '*', latency: 10 }), 'invalid_fault'],
    ['a status that is not an error', JSON.stringify({ route: '*', status: 200 }), 'invalid_fault'],
    ['an unknown route', JSON.stringify({ route: '/v3/nope', status: 502 }), 'invalid_fault'],
    ['no route', JSON.stringify({ status: 502 }), 'invalid_fault'],
    ['an array with one bad fault', JSON.stringify([{ route: QF, status: 502 }, { route: '*', errorRate: 2 }]), 'invalid_fault'],
    ['an array with one unknown route', JSON.stringify([{ route: QF, status: 502 }, { route: '/v3/nope', status: 502 }]), 'invalid_fault'],
  ])('%s → 400', async (_what, body, error) => {
    const reply = await harness.request('PUT', '/_faults', { body, headers: { 'content-type': 'application/json' } });
    expect(reply.status).toBe(400);
    expect(reply.json).toMatchObject({ error });
    expect(typeof (reply.json as { message: unknown }).message).toBe('string');
    expect((await harness.request('GET', '/_faults')).json).toEqual({ faults: [] });
  });

  it('refuses wrong methods', async () => {
    expect((await harness.request('DELETE', '/_stats')).status).toBe(405);
    expect((await harness.request('GET', '/_stats/reset')).status).toBe(405);
  });
});
