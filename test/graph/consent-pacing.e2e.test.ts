// HUB_DB_BATCH_INTERVAL_MS paces consent reads: requests arriving within the interval after a read
// share the next one (one query, each caller gets only its own row — never another request's
// person); a revocation still applies to the very next query.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { gql, startTestHub, type TestHub } from '../support/test-hub.js';

let t: TestHub;
let token: string;
let consents: { id: string; token: string }[];
const reads: number[] = [];
const QUERY = 'query($c: String!) { person(consent: $c) { identity { birthName } } }';

beforeAll(async () => {
  t = await startTestHub({ HUB_DB_BATCH_INTERVAL_MS: '20' });
  const op = await t.hub.admin.addOperator({ name: 'Mairie de Testville', siret: '21750001600019' });
  await t.hub.admin.grantHabilitation({ operator: op.id, scopes: 'identite_pivot', purpose: 'Tarification sociale', legalBasis: 'CRPA L114-8' });
  token = (await t.hub.admin.issueToken({ operator: op.id, ttl: '1h' })).token;
  consents = [];
  for (const persona of ['sophie-lambert', 'marc-chevalier', 'thierry-gauthier']) {
    consents.push(await t.hub.admin.grantConsent({ operator: op.id, scopes: 'identite_pivot', purpose: 'Tarification sociale', persona, ttl: '1h' }));
  }
  const repo = t.hub.store.consents;
  const original = repo.findByIds.bind(repo);
  repo.findByIds = async (ids: string[]) => {
    reads.push(ids.length);
    return original(ids);
  };
});
afterAll(async () => t?.close());

describe('paced consent reads', () => {
  it('serves requests arriving a few ms apart with fewer reads, each with its own person', async () => {
    for (const c of consents) await gql(t.url, token, QUERY, { c: c.token }); // warm the signature cache
    reads.length = 0;
    // 12 requests, one every 3 ms: without pacing each would get its own read.
    const pending = [];
    for (let i = 0; i < 12; i++) {
      pending.push(gql(t.url, token, QUERY, { c: consents[i % 3]!.token }));
      await new Promise((resolve) => setTimeout(resolve, 3));
    }
    const answers = await Promise.all(pending);
    const names = answers.map((a) => a.body.data?.person?.identity?.birthName);
    expect(names.every((n) => typeof n === 'string')).toBe(true);
    // Same consent → same person, different consents → different persons.
    expect(names.slice(0, 3)).toEqual(names.slice(3, 6));
    expect(new Set(names.slice(0, 3)).size).toBe(3);
    // Fewer reads than requests (how many depends on timing; pacedBatchSchedule's unit test pins
    // the schedule itself), and no row read twice for one batch.
    expect(reads.length).toBeLessThan(12);
    expect(reads.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(12);
  });

  it('applies a revocation at the next query', async () => {
    await t.hub.admin.revokeConsent({ id: consents[1]!.id });
    const r = await gql(t.url, token, QUERY, { c: consents[1]!.token });
    expect(r.body.data?.person).toBeNull();
    expect(r.body.errors?.[0]?.extensions).toMatchObject({ code: 'CONSENT_INVALID', reason: 'revoked' });
  });
});
