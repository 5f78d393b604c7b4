// Degradation under partial failure (docs/contract.md#upstreams): one route failing part of the time (503), 200 queries, one retry. The
// breaker measures a failure *rate* over a window, so a half-failing upstream keeps its circuit
// closed: each field fails alone (about a quarter with one retry), the other source is untouched.
// Each case gets its own hub: the retry budget and the breaker's window then start empty, so one
// case's retries never eat into the next one's (CI once saw 62.5 % that way).
import { afterEach, beforeEach, describe, it } from '@jest/globals';
import { SCOPE_CATALOGUE } from '@hub/policy';
import { expect } from '../support/expect.js';
import { errorKinds, report, startChaosHub, type Answer, type ChaosHub } from './chaos-fixture.js';

const QUERIES = 200;
const CONCURRENCY = 10;
const QUERY = 'query($c: String!) { person(consent: $c) { taxHousehold { taxNotice { referenceTaxIncome } } jobSeeker { identifier } } }';

let t: ChaosHub;
let consent: string;

beforeEach(async () => {
  t = await startChaosHub();
  const scopes = SCOPE_CATALOGUE.filter((s) => s.source === 'DGFIP' || s.source === 'FRANCE_TRAVAIL').map((s) => s.name).join(',');
  consent = await t.consent('marc-chevalier', scopes);
}, 30_000);
afterEach(async () => t?.close());

async function run(errorRate: number) {
  await t.faults([{ route: '/api/v2/avis-imposition', errorRate, status: 503 }]);
  const answers: Answer[] = [];
  let next = 0;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < QUERIES) {
      next += 1;
      answers.push(await t.query(QUERY, consent));
    }
  }));
  const kinds: Record<string, number> = {};
  for (const a of answers) for (const k of errorKinds(a)) kinds[k] = (kinds[k] ?? 0) + 1;
  return report(`${errorRate * 100} % 503 on DGFIP, ${QUERIES} queries, one retry`, {
    queries: answers.length,
    taxHouseholdPresent: answers.filter((a) => a.body.data?.person?.taxHousehold?.taxNotice?.referenceTaxIncome != null).length,
    jobSeekerPresent: answers.filter((a) => a.body.data?.person?.jobSeeker?.identifier === '3141592B').length,
    errors: kinds,
  });
}

describe('one route failing part of the time', () => {
  // With one retry the upstream itself allows 1 − 0.2² = 96 % on average; 200 draws spread it by
  // ±1.4 points (one standard deviation), so the 95 % target is checked as "no worse than the
  // upstream allows": the mean minus three standard deviations (91.8 %). The figure is printed.
  it('20 % 503: that route\'s fields as the upstream allows with one retry (~96 %), every other field', async () => {
    const r = await run(0.2);
    const p = 1 - 0.2 ** 2;
    expect(r.taxHouseholdPresent).toBeGreaterThanOrEqual(Math.floor(QUERIES * p - 3 * Math.sqrt(QUERIES * p * (1 - p))));
    expect(r.jobSeekerPresent).toBe(QUERIES);
  }, 50_000);

  // One retry allows 1 − 0.5² = 75 % on average (σ ≈ 3 points over 200 draws), when the retry
  // budget's floor (10 per second of the window) covers the burst: 65 % is 3.3 σ below.
  it('50 % 503: at least 65 % of that route\'s fields, every other field', async () => {
    const r = await run(0.5);
    expect(r.taxHouseholdPresent / QUERIES).toBeGreaterThanOrEqual(0.65);
    expect(r.jobSeekerPresent).toBe(QUERIES);
    expect(r.errors['PROVIDER_UNAVAILABLE/circuit_open'] ?? 0).toBe(0);
  }, 50_000);
});
