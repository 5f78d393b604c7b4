// Issue 12, experiment 1: upstreams healthy but slow (2–3 s, under the 5 s timeout), 128
// concurrent clients for a bounded time. Calls beyond a source's concurrency cap wait in its
// bounded queue; waiting is not failing, so no breaker opens: every answer is complete, or refused
// with `overloaded` beyond capacity — never every source null with `circuit_open`.
// CHAOS_OVERLOAD_SECONDS (default 8) lengthens the run (the closing note's 20 s figures).
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { SCOPE_CATALOGUE } from '@hub/policy';
import { expect } from '../support/expect.js';
import { errorKinds, percentile, report, startChaosHub, type Answer, type ChaosHub } from './chaos-fixture.js';

const CLIENTS = 128;
const SECONDS = Number(process.env.CHAOS_OVERLOAD_SECONDS ?? 8);

let t: ChaosHub;
const scopesOf = (...sources: string[]) => SCOPE_CATALOGUE.filter((s) => sources.includes(s.source)).map((s) => s.name).join(',');

beforeAll(async () => {
  t = await startChaosHub();
});
afterAll(async () => {
  await t?.clearFaults().catch(() => undefined);
  await t?.close();
});

describe('slow but healthy upstreams under 128 concurrent clients', () => {
  it(`answers completely, or refuses with overloaded, for ${SECONDS} s`, async () => {
    // Sophie: DGFIP + CNAV; Marc: DGFIP + France Travail (two routes). DGFIP and France Travail
    // each see ~128 concurrent calls against a cap of 50.
    const shapes = [
      {
        consent: await t.consent('sophie-lambert', `${scopesOf('DGFIP')},cnaf_quotient_familial`),
        query: 'query($c: String!) { person(consent: $c) { taxHousehold { taxNotice { referenceTaxIncome } } family { familyQuotient { value } } } }',
        fields: ['taxHousehold', 'family'],
      },
      {
        consent: await t.consent('marc-chevalier', scopesOf('DGFIP', 'FRANCE_TRAVAIL')),
        query: 'query($c: String!) { person(consent: $c) { taxHousehold { taxNotice { referenceTaxIncome } } jobSeeker { identifier payments { date } } } }',
        fields: ['taxHousehold', 'jobSeeker'],
      },
    ];
    await t.faults([{ route: '*', latencyMs: 2_000, jitterMs: 1_000 }]);

    const answers: (Answer & { fields: string[] })[] = [];
    const failures: string[] = [];
    const stopAt = performance.now() + SECONDS * 1000;
    await Promise.all(Array.from({ length: CLIENTS }, async (_, client) => {
      for (let n = 0; performance.now() < stopAt; n++) {
        const shape = shapes[(client + n) % shapes.length]!;
        try {
          answers.push({ ...(await t.query(shape.query, shape.consent)), fields: shape.fields });
        } catch (error) {
          failures.push(String(error));
        }
      }
    }));

    const complete = answers.filter((a) => a.status === 200 && !a.body.errors && a.fields.every((f) => a.body.data?.person?.[f] != null));
    const overloaded = answers.filter((a) => a.body.errors && errorKinds(a).every((k) => k === 'PROVIDER_UNAVAILABLE/overloaded'));
    const allNull = answers.filter((a) => a.fields.every((f) => a.body.data?.person?.[f] == null));
    const kinds: Record<string, number> = {};
    for (const a of answers) for (const k of errorKinds(a)) kinds[k] = (kinds[k] ?? 0) + 1;
    const figures = report(`overload ${CLIENTS} clients × ${SECONDS} s, upstreams at 2–3 s`, {
      answers: answers.length,
      complete: complete.length,
      overloaded: overloaded.length,
      everySourceNull: allNull.length,
      transportFailures: failures.length,
      errors: kinds,
      msCompleteP50: percentile(complete.map((a) => a.ms), 50),
      msCompleteP99: percentile(complete.map((a) => a.ms), 99),
      msOverloadedP50: percentile(overloaded.map((a) => a.ms), 50),
    });

    expect(failures).toEqual([]);
    expect(figures.answers).toBeGreaterThan(CLIENTS);
    expect((complete.length + overloaded.length) / answers.length).toBeGreaterThanOrEqual(0.95);
    expect(kinds['PROVIDER_UNAVAILABLE/circuit_open'] ?? 0).toBe(0);
    expect(kinds['PROVIDER_TIMEOUT/timeout'] ?? 0).toBe(0);
    // Healthy upstreams never leave a whole answer empty, except a call refused for overload.
    expect(allNull.filter((a) => !overloaded.includes(a))).toEqual([]);
  }, 60_000);
});
