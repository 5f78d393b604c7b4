import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { gql, startTestHub, type TestHub } from '../support/test-hub.js';

let t: TestHub;
let operatorId: string;
let token: string;

async function releaseOnce(persona: string) {
  const c = await t.hub.admin.grantConsent({ operator: operatorId, scopes: 'identite_pivot', purpose: 'Inscription', persona });
  const r = await gql(t.url, token, 'query Q($c: String!) { person(consent: $c) { identity { birthName } } }', { c: c.token });
  expect(r.body.data.person.identity.birthName).toBeTruthy();
}

beforeAll(async () => {
  t = await startTestHub();
  const op = await t.hub.admin.addOperator({ name: 'Crèche municipale', siret: '21750001600019' });
  operatorId = op.id;
  await t.hub.admin.grantHabilitation({ operator: op.id, scopes: 'identite_pivot', purpose: 'Inscription', legalBasis: 'CASF' });
  token = (await t.hub.admin.issueToken({ operator: op.id, ttl: '1h' })).token;
});
afterAll(async () => t?.close());

describe('hub audit prune / verify with the hub key ring', () => {
  it('prunes behind a checkpoint signed by the hub, and the chain still verifies', async () => {
    for (const p of ['sophie-lambert', 'julien-lambert', 'lea-mercier']) await releaseOnce(p);
    const cutoff = new Date(Date.now() + 1000);
    await new Promise((r) => setTimeout(r, 1100));
    await releaseOnce('marc-chevalier');

    const pruned = await t.hub.admin.auditPrune({ before: cutoff.toISOString() });
    expect(pruned.pruned).toBe(3);
    expect(pruned.checkpoint?.seq).toBe(3);
    const verified = await t.hub.admin.auditVerify();
    expect(verified).toMatchObject({ ok: true, entries: 1, fromSeq: 4, toSeq: 4, checkpoint: { seq: 3, signatureChecked: true } });
    expect((await t.hub.admin.auditExport({ operator: operatorId })).entries.map((e) => e.seq)).toEqual([4]);
  });

  it('still verifies checkpoints signed by a key retired since', async () => {
    const { kid } = await t.hub.admin.rotateKey();
    const old = (await t.hub.admin.listKeys()).keys.find((k) => k.kid !== kid && !k.retiredAt)!;
    await t.hub.admin.retireKey({ kid: old.kid });
    expect(await t.hub.admin.auditVerify()).toMatchObject({ ok: true, checkpoint: { signatureChecked: true } });
  });

  it('reports a checkpoint whose signature does not match', async () => {
    const knex = t.hub.store.db.knex;
    await knex.raw('alter table journal_checkpoints disable trigger user');
    await knex.raw(`update journal_checkpoints set count = count + 1`);
    await knex.raw('alter table journal_checkpoints enable trigger user');
    expect(await t.hub.admin.auditVerify()).toMatchObject({ ok: false, problem: 'bad_checkpoint' });
  });

  it('names bad dates', async () => {
    await expect(t.hub.admin.auditPrune({ before: 'yesterday' })).rejects.toMatchObject({ argument: '--before' });
    await expect(t.hub.admin.auditExport({ operator: operatorId, since: '2026-13-45' })).rejects.toMatchObject({ argument: '--since' });
  });
});
