// Issue 12, experiment 3: a hung upstream. The attempts time out (PROVIDER_TIMEOUT within the
// timeout + 1 s: the breaker did not pre-empt a call that was made), the circuit opens on the
// failure rate, later calls are refused at once (`circuit_open`, `retryAfter`), and once the fault
// is gone the single half-open probe closes it again within the half-open delay. Small settings.
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { expect } from '../support/expect.js';
import { errorKinds, report, startChaosHub, type ChaosHub } from './chaos-fixture.js';

const TIMEOUT_MS = 1_000;
const HALF_OPEN_MS = 3_000;
const QUERY = 'query($c: String!) { person(consent: $c) { jobSeeker { identifier } } }';

let t: ChaosHub;
let consent: string;

beforeAll(async () => {
  t = await startChaosHub({
    HUB_UPSTREAM_TIMEOUT_MS: String(TIMEOUT_MS),
    HUB_UPSTREAM_FRANCE_TRAVAIL_BREAKER_MIN_CALLS: '4',
    HUB_UPSTREAM_FRANCE_TRAVAIL_BREAKER_HALF_OPEN_MS: String(HALF_OPEN_MS),
  });
  consent = await t.consent('marc-chevalier', 'pole_emploi_identifiant,pole_emploi_identite,pole_emploi_inscription');
});
afterAll(async () => {
  await t?.clearFaults().catch(() => undefined);
  await t?.close();
});

describe('a hung upstream', () => {
  it('PROVIDER_TIMEOUT within timeout + 1 s, then fast circuit_open refusals, then recovery within the half-open delay', async () => {
    expect((await t.query(QUERY, consent)).body.data.person.jobSeeker.identifier).toBe('3141592B');
    await t.faults([{ route: '/v3/france_travail/statut/identifiant', hang: true }]);

    // Four concurrent queries: four timed-out attempts, the breaker's minimum, at a 100 % rate.
    const hung = await Promise.all(Array.from({ length: 4 }, () => t.query(QUERY, consent)));
    for (const a of hung) {
      expect(errorKinds(a)).toEqual(['PROVIDER_TIMEOUT/timeout']);
      expect(a.body.data.person.jobSeeker?.identifier ?? null).toBeNull();
      expect(a.ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
      expect(a.ms).toBeLessThan(TIMEOUT_MS + 1_000);
    }

    const refused = await Promise.all(Array.from({ length: 5 }, () => t.query(QUERY, consent)));
    for (const a of refused) {
      expect(errorKinds(a)).toEqual(['PROVIDER_UNAVAILABLE/circuit_open']);
      expect(a.body.errors![0]!.extensions!.retryAfter).toEqual(expect.any(Number));
      expect(a.body.errors![0]!.extensions!.retryAfter as number).toBeLessThanOrEqual(HALF_OPEN_MS / 1000);
      // Fast: no call is made (9–126 ms seen, the timeout answers take 1.1 s); 500 ms leaves a
      // loaded CI machine its margin.
      expect(a.ms).toBeLessThan(500);
    }

    await t.clearFaults();
    const removedAt = performance.now();
    let recoveredMs = -1;
    let polls = 0;
    while (performance.now() - removedAt < HALF_OPEN_MS + 2_000) {
      polls += 1;
      const a = await t.query(QUERY, consent);
      if (a.body.data?.person?.jobSeeker?.identifier === '3141592B') {
        recoveredMs = performance.now() - removedAt;
        break;
      }
      expect(errorKinds(a)).toEqual(['PROVIDER_UNAVAILABLE/circuit_open']);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    report('hung upstream (timeout 1 s, half-open 3 s)', {
      timeoutAnswersMs: hung.map((a) => Math.round(a.ms)),
      circuitOpenAnswersMs: refused.map((a) => Math.round(a.ms)),
      recoveredMsAfterFaultRemoved: Math.round(recoveredMs),
      pollsUntilRecovered: polls,
    });
    expect(recoveredMs).toBeGreaterThanOrEqual(0);
    expect(recoveredMs).toBeLessThanOrEqual(HALF_OPEN_MS + 300);
  }, 30_000);
});
