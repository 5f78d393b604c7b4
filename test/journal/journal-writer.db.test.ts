import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { JournalUnavailableError, JournalWriter, openDatabase, verifyJournal, type Database, type JournalCommitEvent } from '@hub/store';
import { openTestDatabase } from '../support/test-database.js';
import { entryInput, resetJournal } from './journal-fixtures.js';

let db: Database & { options: Parameters<typeof openDatabase>[0] };

beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => db?.close());
beforeEach(async () => resetJournal(db.knex));

describe('JournalWriter (group commit)', () => {
  it('commits 50 concurrent appends in fewer transactions, with a contiguous chain that verifies', async () => {
    const events: JournalCommitEvent[] = [];
    const writer = new JournalWriter(db.knex, { maxWaitMs: 5, onCommit: (e) => events.push(e) });
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => writer.append([entryInput({ requestId: `r${i}`, subjectRef: `s${i % 7}` })])),
    );
    await writer.close();

    expect(results.every((r) => r.length === 1)).toBe(true);
    expect(results.flat().map((e) => e.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    // Each caller got back its own entry.
    results.forEach((r, i) => expect(r[0]?.requestId).toBe(`r${i}`));
    expect(writer.stats.appendCalls).toBe(50);
    expect(writer.stats.transactions).toBeLessThan(50);
    expect(writer.stats.transactions).toBe(events.length);
    expect(events.every((e) => e.ok)).toBe(true);
    expect(events.reduce((n, e) => n + e.entries, 0)).toBe(50);

    const v = await verifyJournal(db.knex);
    expect(v).toMatchObject({ ok: true, entries: 50, fromSeq: 1, toSeq: 50, checkpoint: null });
  });

  it('keeps one caller\'s entries together and in order, and honours maxBatch', async () => {
    const writer = new JournalWriter(db.knex, { maxBatch: 4, maxWaitMs: 1 });
    const calls = await Promise.all([
      writer.append([entryInput({ requestId: 'a1' }), entryInput({ requestId: 'a2' }), entryInput({ requestId: 'a3' })]),
      writer.append([entryInput({ requestId: 'b1' }), entryInput({ requestId: 'b2' })]),
      writer.append([entryInput({ requestId: 'c1' })]),
    ]);
    await writer.close();
    expect(calls.map((c) => c.map((e) => e.requestId))).toEqual([['a1', 'a2', 'a3'], ['b1', 'b2'], ['c1']]);
    expect(calls[0]!.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(calls[0]![1]!.prevHash).toBe(calls[0]![0]!.hash);
    // 3 + 2 > 4: the second caller went in a second transaction, with the third (2 + 1 <= 4).
    expect(writer.stats.transactions).toBe(2);
    expect((await verifyJournal(db.knex)).ok).toBe(true);
  });

  it('resolves a caller only once its entries are committed and readable', async () => {
    const writer = new JournalWriter(db.knex, { maxWaitMs: 1 });
    const [entry] = await writer.append([entryInput({ requestId: 'visible' })]);
    const row = await db.knex('journal_entries').where({ id: entry!.id }).first();
    expect(row?.request_id).toBe('visible');
    expect(row?.hash).toBe(entry!.hash);
    await writer.close();
  });

  it('rejects every caller of a failing batch with JournalUnavailableError, and burns no seq', async () => {
    const writer = new JournalWriter(db.knex, { maxWaitMs: 5 });
    await writer.append([entryInput()]);
    // One entry of the batch violates a constraint: the whole transaction rolls back.
    await db.knex.raw(`alter table journal_entries add constraint test_refuse_boom check (purpose <> 'boom')`);
    try {
      const outcomes = await Promise.allSettled([
        writer.append([entryInput()]),
        writer.append([entryInput({ purpose: 'boom' })]),
        writer.append([entryInput(), entryInput()]),
      ]);
      expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);
      for (const o of outcomes) expect((o as PromiseRejectedResult).reason).toBeInstanceOf(JournalUnavailableError);
      expect(writer.stats.failedTransactions).toBe(1);
    } finally {
      await db.knex.raw('alter table journal_entries drop constraint test_refuse_boom');
    }
    expect(Number((await db.knex('journal_entries').count<{ n: string }[]>('* as n'))[0]!.n)).toBe(1);
    const [next] = await writer.append([entryInput()]);
    expect(next!.seq).toBe(2);
    await writer.close();
    expect(await verifyJournal(db.knex)).toMatchObject({ ok: true, entries: 2 });
  });

  it('rejects a malformed entry alone, before it can fail the others\' batch', async () => {
    const writer = new JournalWriter(db.knex, { maxWaitMs: 5 });
    const outcomes = await Promise.allSettled([
      writer.append([entryInput()]),
      writer.append([entryInput({ purpose: 'nul\u0000byte' })]),
      writer.append([entryInput({ subjectRef: '' })]),
      writer.append([entryInput({ upstreamCalls: [{ provider: 'CNAV', route: '/x', status: 200, outcome: 'ok', durationMs: Number.NaN }] })]),
      writer.append([entryInput({ releasedFields: ['lone \ud800 surrogate'] })]),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'rejected', 'rejected']);
    for (const o of outcomes.slice(1)) expect((o as PromiseRejectedResult).reason).toBeInstanceOf(TypeError);
    await writer.close();
    expect((await verifyJournal(db.knex)).ok).toBe(true);
  });

  it('close() flushes what is pending, then refuses appends', async () => {
    const writer = new JournalWriter(db.knex, { maxWaitMs: 10_000 });
    const pending = writer.append([entryInput({ requestId: 'late' })]);
    await writer.close();
    expect((await pending)[0]?.requestId).toBe('late');
    await expect(writer.append([entryInput()])).rejects.toBeInstanceOf(JournalUnavailableError);
  });

  it('stores what it hashed: entries read back verify after a JSON round trip (optional fields, -0)', async () => {
    const writer = new JournalWriter(db.knex, { maxWaitMs: 1 });
    await writer.append([entryInput({
      deniedFields: [{ path: 'person.revenue', code: 'CONSENT_SCOPE_MISSING' }, { path: 'p.x', code: 'FORBIDDEN_SCOPE', scope: 'dgfip_revenu_fiscal_reference' }],
      upstreamCalls: [{ provider: 'DGFIP', route: '/r', status: null, outcome: 'timeout', durationMs: -0 }],
      purpose: 'Émoji 🎓 et accents « ça »',
    })]);
    await writer.close();
    expect((await verifyJournal(db.knex)).ok).toBe(true);
  });
});

describe('several hub instances writing at once', () => {
  it('keeps one linear chain when two writers on separate connections append concurrently', async () => {
    // On PostgreSQL the second writer has its own pool (another "hub"); PGlite has a single
    // connection, so there both writers share it.
    const other = db.options.kind === 'pg' ? await openDatabase(db.options) : null;
    const writerA = new JournalWriter(db.knex, { maxWaitMs: 1, maxBatch: 5 });
    const writerB = new JournalWriter(other?.knex ?? db.knex, { maxWaitMs: 1, maxBatch: 5 });
    try {
      const all = await Promise.all(
        Array.from({ length: 60 }, (_, i) => (i % 2 ? writerA : writerB).append([entryInput({ requestId: `m${i}` })])),
      );
      expect(all.flat()).toHaveLength(60);
      expect(writerA.stats.transactions + writerB.stats.transactions).toBeGreaterThan(2);
    } finally {
      await writerA.close();
      await writerB.close();
      await other?.close();
    }
    expect(await verifyJournal(db.knex, { pageSize: 7 })).toMatchObject({ ok: true, entries: 60, fromSeq: 1, toSeq: 60 });
  });
});

describe('JournalWriter defaults', () => {
  it('groups appends made in the same event-loop turn without any wait window', async () => {
    await resetJournal(db.knex);
    const writer = new JournalWriter(db.knex);
    await Promise.all(Array.from({ length: 20 }, () => writer.append([entryInput()])));
    expect(writer.stats.transactions).toBe(1);
    // Sequential appends each get their own transaction (nothing to group with).
    await writer.append([entryInput()]);
    await writer.append([entryInput()]);
    expect(writer.stats.transactions).toBe(3);
    await writer.close();
    expect(await verifyJournal(db.knex)).toMatchObject({ ok: true, entries: 22 });
  });
});
