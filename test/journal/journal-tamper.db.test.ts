import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { Knex } from 'knex';
import { entryHash, JournalWriter, verifyJournal, type Database } from '@hub/store';
import { openTestDatabase } from '../support/test-database.js';
import { asOwnerWithoutTriggers, entryInput, resetJournal } from './journal-fixtures.js';

let db: Database;
let knex: Knex;

beforeAll(async () => {
  db = await openTestDatabase();
  knex = db.knex;
});
afterAll(async () => db?.close());

/** A fresh journal of `n` entries, written in several batches. */
async function journalOf(n: number): Promise<void> {
  await resetJournal(knex);
  const writer = new JournalWriter(knex, { maxBatch: 3, maxWaitMs: 1 });
  await Promise.all(Array.from({ length: n }, (_, i) => writer.append([entryInput({ requestId: `t${i}`, subjectRef: `s${i % 3}` })])));
  await writer.close();
  expect(await verifyJournal(knex)).toMatchObject({ ok: true, entries: n });
}

describe('append-only for the hub\'s role (trigger)', () => {
  beforeEach(async () => journalOf(5));

  it('refuses UPDATE', async () => {
    await expect(knex('journal_entries').where({ seq: 2 }).update({ purpose: 'autre' })).rejects.toThrow(/journal_entries is append-only: UPDATE refused/);
  });

  it('refuses DELETE, even of a single row', async () => {
    await expect(knex('journal_entries').where({ seq: 5 }).delete()).rejects.toThrow(/journal_entries is append-only: DELETE refused/);
  });

  it('refuses TRUNCATE', async () => {
    await expect(knex.raw('truncate journal_entries')).rejects.toThrow(/append-only: TRUNCATE refused/);
  });

  it('refuses DELETE with the prune flag set when no checkpoint covers the rows', async () => {
    await expect(knex.transaction(async (trx) => {
      await trx.raw(`select set_config('hub.journal_prune', 'on', true)`);
      await trx('journal_entries').where('seq', '<=', 2).delete();
    })).rejects.toThrow(/append-only: DELETE refused/);
  });

  it('refuses UPDATE and DELETE of checkpoints', async () => {
    await knex('journal_checkpoints').insert({ seq: 0, hash: '0'.repeat(64), pruned_at: new Date(), count: 0, signature: 'x' });
    await expect(knex('journal_checkpoints').update({ count: 3 })).rejects.toThrow(/journal_checkpoints is append-only: UPDATE refused/);
    await expect(knex('journal_checkpoints').delete()).rejects.toThrow(/journal_checkpoints is append-only: DELETE refused/);
  });

  it('leaves the journal intact after the refusals', async () => {
    await knex('journal_entries').where({ seq: 2 }).update({ purpose: 'autre' }).catch(() => undefined);
    expect(await verifyJournal(knex)).toMatchObject({ ok: true, entries: 5 });
  });
});

describe('verifyJournal detects tampering by the table owner (triggers disabled)', () => {
  beforeEach(async () => journalOf(12));

  it('an edited row', async () => {
    await asOwnerWithoutTriggers(knex, (trx) => trx('journal_entries').where({ seq: 7 }).update({ purpose: 'Autre finalité' }));
    expect(await verifyJournal(knex)).toMatchObject({ ok: false, seq: 7, problem: 'edited' });
  });

  it('an edited released field list (jsonb)', async () => {
    await asOwnerWithoutTriggers(knex, (trx) => trx('journal_entries').where({ seq: 3 }).update({ released_fields: JSON.stringify([]) }));
    expect(await verifyJournal(knex)).toMatchObject({ ok: false, seq: 3, problem: 'edited' });
  });

  it('an edited row whose hash was recomputed: the next link breaks', async () => {
    await asOwnerWithoutTriggers(knex, async (trx) => {
      const row = await trx('journal_entries').where({ seq: 7 }).first();
      const entry = {
        seq: 7, id: row.id, recordedAt: row.recorded_at, requestId: row.request_id, operatorId: row.operator_id,
        tokenJti: row.token_jti, consentId: row.consent_id, subjectRef: row.subject_ref, purpose: 'Autre finalité',
        releasedFields: row.released_fields, releasedScopes: row.released_scopes, upstreamCalls: row.upstream_calls, deniedFields: row.denied_fields,
      };
      await trx('journal_entries').where({ seq: 7 }).update({ purpose: entry.purpose, hash: entryHash(row.prev_hash, entry) });
    });
    expect(await verifyJournal(knex)).toMatchObject({ ok: false, seq: 8, problem: 'broken_link' });
  });

  it('a deleted row', async () => {
    await asOwnerWithoutTriggers(knex, (trx) => trx('journal_entries').where({ seq: 9 }).delete());
    expect(await verifyJournal(knex)).toMatchObject({ ok: false, seq: 9, problem: 'gap' });
  });

  it('a deleted first row', async () => {
    await asOwnerWithoutTriggers(knex, (trx) => trx('journal_entries').where({ seq: 1 }).delete());
    expect(await verifyJournal(knex)).toMatchObject({ ok: false, seq: 1, problem: 'gap' });
  });

  it('two rows swapped (reordered)', async () => {
    await asOwnerWithoutTriggers(knex, async (trx) => {
      await trx('journal_entries').where({ seq: 6 }).update({ seq: -6 });
      await trx('journal_entries').where({ seq: 5 }).update({ seq: 6 });
      await trx('journal_entries').where({ seq: -6 }).update({ seq: 5 });
    });
    expect(await verifyJournal(knex)).toMatchObject({ ok: false, seq: 5, problem: 'reordered' });
  });

  it('a row moved to the end (reordered), found across pages', async () => {
    await asOwnerWithoutTriggers(knex, async (trx) => {
      await trx('journal_entries').where({ seq: 4 }).update({ seq: 100 });
      for (let s = 5; s <= 12; s += 1) await trx('journal_entries').where({ seq: s }).update({ seq: s - 1 });
      await trx('journal_entries').where({ seq: 100 }).update({ seq: 12 });
    });
    expect(await verifyJournal(knex, { pageSize: 2 })).toMatchObject({ ok: false, seq: 4, problem: 'reordered' });
  });

  it('reports the FIRST problem when there are several', async () => {
    await asOwnerWithoutTriggers(knex, async (trx) => {
      await trx('journal_entries').where({ seq: 10 }).delete();
      await trx('journal_entries').where({ seq: 4 }).update({ operator_id: 'someone-else' });
    });
    expect(await verifyJournal(knex, { pageSize: 3 })).toMatchObject({ ok: false, seq: 4, problem: 'edited' });
  });
});
