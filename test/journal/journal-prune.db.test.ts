import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { Knex } from 'knex';
import { CompactSign, compactVerify, generateKeyPair } from 'jose';
import {
  canonicalCheckpointEncoding, JournalPruneRefusedError, JournalWriter, pruneJournal, verifyJournal,
  type Database, type JournalCheckpoint, type JournalCheckpointPayload,
} from '@hub/store';
import { openTestDatabase } from '../support/test-database.js';
import { asOwnerWithoutTriggers, entryInput, resetJournal } from './journal-fixtures.js';

let db: Database;
let knex: Knex;
let keys: Awaited<ReturnType<typeof generateKeyPair>>;

const MONTH = 30 * 86_400_000;
const today = new Date('2026-11-26T10:00:00.000Z');
const monthsAgo = (n: number) => new Date(today.getTime() - n * MONTH);

const sign = async (payload: JournalCheckpointPayload) =>
  new CompactSign(new TextEncoder().encode(canonicalCheckpointEncoding(payload))).setProtectedHeader({ alg: 'ES256', kid: 'test' }).sign(keys.privateKey);

const verifyCheckpoint = async (cp: JournalCheckpoint) => {
  try {
    const { payload } = await compactVerify(cp.signature, keys.publicKey);
    return new TextDecoder().decode(payload) === canonicalCheckpointEncoding(cp);
  } catch {
    return false;
  }
};

/** Writes `count` entries dated `at`. */
async function appendAt(at: Date, count: number): Promise<void> {
  const writer = new JournalWriter(knex, { now: () => at, maxWaitMs: 1 });
  await Promise.all(Array.from({ length: count }, () => writer.append([entryInput()])));
  await writer.close();
}

beforeAll(async () => {
  db = await openTestDatabase();
  knex = db.knex;
  keys = await generateKeyPair('ES256');
});
afterAll(async () => db?.close());
beforeEach(async () => {
  await resetJournal(knex);
  await appendAt(monthsAgo(40), 10);
  await appendAt(monthsAgo(37), 4);
  await appendAt(monthsAgo(2), 5);
});

describe('pruneJournal', () => {
  it('deletes entries older than the cut-off behind a signed checkpoint; the rest still verifies', async () => {
    const result = await pruneJournal(knex, { before: monthsAgo(36), signCheckpoint: sign, now: () => today });
    expect(result.pruned).toBe(14);
    expect(result.checkpoint?.seq).toBe(14);
    const cp = await knex('journal_checkpoints').first();
    expect(Number(cp.count)).toBe(14);
    expect(cp.pruned_at.toISOString()).toBe(today.toISOString());
    expect(Number((await knex('journal_entries').min<{ s: number }[]>('seq as s'))[0]!.s)).toBe(15);

    expect(await verifyJournal(knex, { verifyCheckpoint })).toEqual({
      ok: true, entries: 5, fromSeq: 15, toSeq: 19, checkpoint: { seq: 14, hash: result.checkpoint!.hash, signatureChecked: true },
    });

    // Appends continue the chain after the checkpoint.
    await appendAt(today, 2);
    expect(await verifyJournal(knex, { verifyCheckpoint })).toMatchObject({ ok: true, entries: 7, toSeq: 21 });
  });

  it('is a no-op when nothing is old enough, and idempotent', async () => {
    expect(await pruneJournal(knex, { before: monthsAgo(50), signCheckpoint: sign })).toEqual({ pruned: 0, checkpoint: null });
    await pruneJournal(knex, { before: monthsAgo(39), signCheckpoint: sign });
    expect(await pruneJournal(knex, { before: monthsAgo(39), signCheckpoint: sign })).toEqual({ pruned: 0, checkpoint: null });
    expect(await knex('journal_checkpoints').count<{ n: string }[]>('* as n')).toMatchObject([{ n: expect.anything() }]);
    expect(Number((await knex('journal_checkpoints').count<{ n: string }[]>('* as n'))[0]!.n)).toBe(1);
  });

  it('prunes in successive steps and down to an empty journal; appends then chain to the checkpoint', async () => {
    expect((await pruneJournal(knex, { before: monthsAgo(39), signCheckpoint: sign })).pruned).toBe(10);
    expect((await pruneJournal(knex, { before: monthsAgo(36), signCheckpoint: sign })).pruned).toBe(4);
    expect((await pruneJournal(knex, { before: today, signCheckpoint: sign })).pruned).toBe(5);
    expect(await verifyJournal(knex, { verifyCheckpoint })).toMatchObject({ ok: true, entries: 0, fromSeq: null, toSeq: null, checkpoint: { seq: 19 } });
    await appendAt(today, 3);
    expect(await verifyJournal(knex, { verifyCheckpoint })).toMatchObject({ ok: true, entries: 3, fromSeq: 20, toSeq: 22 });
  });

  it('never prunes past an entry newer than the cut-off, even if an older one follows it', async () => {
    // A hub with a late clock wrote seq 20 dated 41 months ago, after entries dated 2 months ago.
    await appendAt(monthsAgo(41), 1);
    const result = await pruneJournal(knex, { before: monthsAgo(36), signCheckpoint: sign });
    expect(result.pruned).toBe(14);
    expect(await verifyJournal(knex, { verifyCheckpoint })).toMatchObject({ ok: true, fromSeq: 15, toSeq: 20 });
  });

  it('refuses to sign a segment that does not verify', async () => {
    await asOwnerWithoutTriggers(knex, (trx) => trx('journal_entries').where({ seq: 3 }).update({ purpose: 'Autre' }));
    const error = await pruneJournal(knex, { before: monthsAgo(36), signCheckpoint: sign }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JournalPruneRefusedError);
    expect(error).toMatchObject({ seq: 3, problem: 'edited' });
    expect(Number((await knex('journal_checkpoints').count<{ n: string }[]>('* as n'))[0]!.n)).toBe(0);
  });

  it('the hub\'s role can delete only rows covered by a checkpoint, only with the prune flag; a forged checkpoint fails verification', async () => {
    // The hub's role may insert a checkpoint (pruneJournal does), here an unsigned one over seq 1..5.
    await knex('journal_checkpoints').insert({ seq: 5, hash: 'e'.repeat(64), pruned_at: today, count: 5, signature: 'forged' });
    // Covered, but no flag: refused.
    await expect(knex('journal_entries').where('seq', '<=', 5).delete()).rejects.toThrow(/append-only: DELETE refused/);
    // Flag, but not covered: refused.
    await expect(knex.transaction(async (trx) => {
      await trx.raw(`select set_config('hub.journal_prune', 'on', true)`);
      await trx('journal_entries').where({ seq: 12 }).delete();
    })).rejects.toThrow(/append-only: DELETE refused/);
    // The flag does not outlive its transaction.
    expect((await knex.raw(`select coalesce(current_setting('hub.journal_prune', true), '') as v`)).rows[0].v).not.toBe('on');
    expect(Number((await knex('journal_entries').count<{ n: string }[]>('* as n'))[0]!.n)).toBe(19);
    // Covered and flagged (a deliberate misuse of the role) passes the trigger, but the forged
    // checkpoint does not pass verification.
    await knex.transaction(async (trx) => {
      await trx.raw(`select set_config('hub.journal_prune', 'on', true)`);
      await trx('journal_entries').where('seq', '<=', 5).delete();
    });
    expect(await verifyJournal(knex, { verifyCheckpoint })).toMatchObject({ ok: false, seq: 5, problem: 'bad_checkpoint' });
    expect(await verifyJournal(knex)).toMatchObject({ ok: false, seq: 6, problem: 'broken_link' });
  });
});

describe('verifyJournal and checkpoints', () => {
  beforeEach(async () => {
    await pruneJournal(knex, { before: monthsAgo(36), signCheckpoint: sign });
  });

  it('detects a checkpoint whose fields were altered (bad signature)', async () => {
    await asOwnerWithoutTriggers(knex, (trx) => trx('journal_checkpoints').update({ count: 3 }));
    expect(await verifyJournal(knex, { verifyCheckpoint })).toMatchObject({ ok: false, seq: 14, problem: 'bad_checkpoint' });
  });

  it('detects a checkpoint signed with another key', async () => {
    const other = await generateKeyPair('ES256');
    const cp = await knex('journal_checkpoints').first();
    const forged = await new CompactSign(new TextEncoder().encode(canonicalCheckpointEncoding({
      seq: Number(cp.seq), hash: cp.hash, prunedAt: cp.pruned_at.toISOString(), count: Number(cp.count),
    }))).setProtectedHeader({ alg: 'ES256' }).sign(other.privateKey);
    await asOwnerWithoutTriggers(knex, (trx) => trx('journal_checkpoints').update({ signature: forged }));
    expect(await verifyJournal(knex, { verifyCheckpoint })).toMatchObject({ ok: false, seq: 14, problem: 'bad_checkpoint' });
  });

  it('without a verifier, a checkpoint hash that does not match the chain still breaks the first link', async () => {
    await asOwnerWithoutTriggers(knex, (trx) => trx('journal_checkpoints').update({ hash: 'f'.repeat(64) }));
    expect(await verifyJournal(knex)).toMatchObject({ ok: false, seq: 15, problem: 'broken_link' });
  });

  it('detects deletion of the first entry after the checkpoint', async () => {
    await asOwnerWithoutTriggers(knex, (trx) => trx('journal_entries').where({ seq: 15 }).delete());
    expect(await verifyJournal(knex, { verifyCheckpoint })).toMatchObject({ ok: false, seq: 15, problem: 'gap' });
  });

  it('reports an unverified checkpoint signature as such', async () => {
    expect(await verifyJournal(knex)).toMatchObject({ ok: true, checkpoint: { seq: 14, signatureChecked: false } });
  });
});
