import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Knex } from 'knex';
import { exportJournal, JournalWriter, listJournalForSubject, type Database, type JournalEntry } from '@hub/store';
import { openTestDatabase } from '../support/test-database.js';
import { entryInput } from './journal-fixtures.js';

let db: Database;
let knex: Knex;
const OP_A = 'aaaaaaaa-0000-4000-8000-000000000001';
const OP_B = 'bbbbbbbb-0000-4000-8000-000000000002';
const day = (d: number) => new Date(Date.UTC(2026, 10, d, 12));

beforeAll(async () => {
  db = await openTestDatabase();
  knex = db.knex;
  // Day d (1..10): one entry for operator A about subject "alice-ref", one for B about "bob-ref".
  for (let d = 1; d <= 10; d += 1) {
    const writer = new JournalWriter(knex, { now: () => day(d), maxWaitMs: 1 });
    await Promise.all([
      writer.append([entryInput({ operatorId: OP_A, subjectRef: 'alice-ref', requestId: `a${d}` })]),
      writer.append([entryInput({ operatorId: OP_B, subjectRef: 'bob-ref', requestId: `b${d}` })]),
    ]);
    await writer.close();
  }
});
afterAll(async () => db?.close());

async function collect(it: AsyncIterable<JournalEntry>): Promise<JournalEntry[]> {
  const out: JournalEntry[] = [];
  for await (const e of it) out.push(e);
  return out;
}

describe('exportJournal', () => {
  it('filters by operator and since, ordered by seq, across pages', async () => {
    const entries = await collect(exportJournal(knex, { operatorId: OP_A, since: day(4), pageSize: 2 }));
    expect(entries.map((e) => e.requestId)).toEqual(['a4', 'a5', 'a6', 'a7', 'a8', 'a9', 'a10']);
    expect(entries.every((e) => e.operatorId === OP_A)).toBe(true);
    const seqs = entries.map((e) => e.seq);
    expect([...seqs].sort((x, y) => x - y)).toEqual(seqs);
  });

  it('until is exclusive; no filter gives everything', async () => {
    const window = await collect(exportJournal(knex, { since: day(2), until: day(4) }));
    expect(window.map((e) => e.requestId).sort()).toEqual(['a2', 'a3', 'b2', 'b3']);
    expect(await collect(exportJournal(knex))).toHaveLength(20);
    expect(await collect(exportJournal(knex, { operatorId: 'cccccccc-0000-4000-8000-000000000003' }))).toEqual([]);
  });

  it('returns complete entries: dates, arrays, hashes', async () => {
    const [first] = await collect(exportJournal(knex, { operatorId: OP_B, until: day(2) }));
    expect(first).toMatchObject({ requestId: 'b1', subjectRef: 'bob-ref', releasedScopes: ['cnaf_quotient_familial'], deniedFields: [] });
    expect(first!.recordedAt).toEqual(day(1));
    expect(first!.upstreamCalls[0]).toEqual({ provider: 'CNAV', route: '/v3/dss/quotient_familial/identite', status: 200, outcome: 'ok', durationMs: 12.5 });
    expect(first!.hash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('listJournalForSubject', () => {
  it('lists only the subject\'s entries, newest first, with a seq cursor', async () => {
    const page1 = await listJournalForSubject(knex, 'alice-ref', { limit: 4 });
    expect(page1.map((e) => e.requestId)).toEqual(['a10', 'a9', 'a8', 'a7']);
    const page2 = await listJournalForSubject(knex, 'alice-ref', { limit: 4, before: page1.at(-1)!.seq });
    expect(page2.map((e) => e.requestId)).toEqual(['a6', 'a5', 'a4', 'a3']);
    const all = await listJournalForSubject(knex, 'alice-ref');
    expect(all).toHaveLength(10);
    expect(all.every((e) => e.subjectRef === 'alice-ref')).toBe(true);
    expect(await listJournalForSubject(knex, 'nobody')).toEqual([]);
  });
});
