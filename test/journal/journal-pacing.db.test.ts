// Pacing of journal transactions (JournalWriter `minBatchIntervalMs`, HUB_DB_BATCH_INTERVAL_MS):
// under load, entries arriving within the interval after a transaction started share the next
// one; an idle writer is never delayed.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { JournalWriter, verifyJournal, type Database } from '@hub/store';
import { openTestDatabase } from '../support/test-database.js';
import { entryInput, resetJournal } from './journal-fixtures.js';

let db: Database;

beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => db?.close());
beforeEach(async () => resetJournal(db.knex));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('JournalWriter pacing', () => {
  it('gathers appends that arrive during the interval into one transaction, and the chain verifies', async () => {
    const writer = new JournalWriter(db.knex, { minBatchIntervalMs: 300 });
    await writer.append([entryInput({ requestId: 'first' })]); // starts the interval
    const later: Promise<unknown>[] = [];
    for (let i = 0; i < 10; i++) {
      later.push(writer.append([entryInput({ requestId: `r${i}` })]));
      await sleep(10);
    }
    await Promise.all(later);
    await writer.close();
    // Without pacing these ten appends, 10 ms apart, would each take their own transaction.
    expect(writer.stats.transactions).toBeLessThanOrEqual(3); // 2 expected; a loaded machine may split once
    expect((await verifyJournal(db.knex)).ok).toBe(true);
  });

  it('never delays an idle writer', async () => {
    const writer = new JournalWriter(db.knex, { minBatchIntervalMs: 2000 });
    await writer.append([entryInput()]);
    await sleep(2100); // idle for longer than the interval
    const started = performance.now();
    await writer.append([entryInput()]);
    expect(performance.now() - started).toBeLessThan(1500);
    await writer.close();
  });

  it('with 0, commits each append separately when they are spaced out', async () => {
    const writer = new JournalWriter(db.knex, { minBatchIntervalMs: 0 });
    for (let i = 0; i < 3; i++) await writer.append([entryInput()]);
    await writer.close();
    expect(writer.stats.transactions).toBe(3);
  });
});
