import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';
import { expect } from '../../../../test/support/expect.js';
import type { JournalEntryInput } from '@hub/core';
import { openDatabase, type Database, type DatabaseOptions } from '../database.js';
import { migrateLatest } from '../migrator.js';
import { canonicalEntryEncodingReference, GENESIS_HASH } from './canonical-entry-encoding.js';
import { JournalUnavailableError } from './journal-unavailable-error.js';
import { DECLARED_FIELDS, SQL_TYPE_OF_KIND } from './journal-entry-fields.js';
import { JOURNAL_TABLE, rowToEntry, type JournalRow } from './journal-row.js';
import { JournalWriter } from './journal-writer.js';
import { verifyJournal } from './verify-journal.js';

/*
 * The writer's own plumbing (test/journal covers its behaviour): what it stores is what the
 * reference encoding hashes; connections go back to the pool clean after every kind of failure;
 * on node-postgres the statements bypass knex, on PGlite they go through it.
 */

const url = process.env.DATABASE_URL;
const schema = `t_${randomBytes(6).toString('hex')}`;
/** application_name of the one-connection handle's connections (the ones the test terminates). */
const singleName = `journal_writer_test_${schema}`;

function options(poolMax?: number): DatabaseOptions {
  if (!url) return { kind: 'pglite' };
  const named = poolMax ? `${url}${url.includes('?') ? '&' : '?'}application_name=${singleName}` : url;
  return { kind: 'pg', url: named, schema, ...(poolMax ? { poolMax } : {}) };
}

let db: Database;
/** A second handle on the same schema with ONE pooled connection (PGlite: the same handle). */
let single: Database;

beforeAll(async () => {
  db = await openDatabase(options());
  await migrateLatest(db.knex);
  single = url ? await openDatabase(options(1)) : db;
});
afterAll(async () => {
  if (single && single !== db) await single.close();
  if (url) await db?.knex.raw(`drop schema if exists "${schema}" cascade`).catch(() => undefined);
  await db?.close();
});
beforeEach(async () => {
  await db.knex.transaction(async (trx) => {
    await trx.raw('alter table journal_entries disable trigger journal_entries_append_only');
    await trx('journal_entries').delete();
    await trx.raw('alter table journal_entries enable trigger journal_entries_append_only');
  });
});

let n = 0;
function input(overrides: Partial<JournalEntryInput> = {}): JournalEntryInput {
  n += 1;
  return {
    requestId: `req-${n}`,
    operatorId: '11111111-1111-4111-8111-111111111111',
    tokenJti: '22222222-2222-4222-8222-222222222222',
    consentId: '33333333-3333-4333-8333-333333333333',
    subjectRef: 'subj-aaaa',
    purpose: 'Tarification de la cantine scolaire',
    releasedFields: ['person.identity.birthName', 'person.identity.firstNames'],
    releasedScopes: ['identite_pivot'],
    upstreamCalls: [],
    deniedFields: [],
    ...overrides,
  };
}

async function storedEntries() {
  const rows = await db.knex<JournalRow>('journal_entries').orderBy('seq', 'asc');
  return rows.map(rowToEntry);
}

describe('what the writer stores', () => {
  it('is what the REFERENCE encoding hashes, for the usual shape and for shapes only the reference knows', async () => {
    const writer = new JournalWriter(db.knex);
    const odd = [
      input({ purpose: 'Émoji 🎓, « guillemets », "quotes", back\\slash, \t tab, \u2028' }),
      input({ releasedFields: [], releasedScopes: [], upstreamCalls: [], deniedFields: [] }),
      input({ deniedFields: [{ path: 'p', code: 'FORBIDDEN_SCOPE', scope: undefined }, { scope: 's', code: 'FORBIDDEN_SCOPE', path: 'q' }] }),
      input({ upstreamCalls: [{ durationMs: -0, status: null, outcome: 'timeout', route: '/r', provider: 'DGFIP' }] }),
      // Extra, nested keys the types do not have: the specialised encoder hands them to the reference.
      input({ upstreamCalls: [{ provider: 'CNAV', route: '/r', status: 200, outcome: 'ok', durationMs: 1e21, retry: { b: [1, 'x'], a: null } } as never] }),
      input({ deniedFields: [{ path: 'p', code: 'FORBIDDEN_SCOPE', '10': 'ten', '2': 'two' } as never] }),
    ];
    const results = await Promise.all([...odd.map((e) => writer.append([e])), writer.append([input(), input(), input()])]);
    await writer.close();

    const stored = await storedEntries();
    expect(stored).toHaveLength(9);
    let prev = GENESIS_HASH;
    for (const e of stored) {
      expect(e.prevHash).toBe(prev);
      expect(e.hash).toBe(createHash('sha256').update(prev).update(canonicalEntryEncodingReference(e)).digest('hex'));
      prev = e.hash;
    }
    // And each caller got back exactly what was stored.
    const bySeq = new Map(stored.map((e) => [e.seq, e]));
    for (const e of results.flat()) expect(e).toEqual(bySeq.get(e.seq));
    expect(await verifyJournal(db.knex)).toMatchObject({ ok: true, entries: 9 });
  });

  it('reads back every storable character and number as it was hashed (json_to_recordset decoding)', async () => {
    const controls = Array.from({ length: 31 }, (_, i) => String.fromCharCode(i + 1)).join('');
    const strings = [
      controls, '"\\/\b\f\n\r\t', '\u007f\u0080\u00ff\u0100', '\u2028\u2029\ufeff\uffff\ue000', '🎓𝄞\u{10ffff}', '日本語 « été »',
      'null', '{"not":"an object"}', '[1]', "'; drop table journal_entries; --", '$1 ? ?? :name',
    ];
    const writer = new JournalWriter(db.knex);
    const numbers = [0, -0, 1.5, -3, 0.1 + 0.2, 1e21, 1e-7, 2 ** 53 + 2, Number.MAX_VALUE, Number.MIN_VALUE];
    const appended = await Promise.all([
      ...strings.map((s) => writer.append([input({ purpose: s, subjectRef: s, releasedFields: [s, s], deniedFields: [{ path: s, code: 'FORBIDDEN_SCOPE', scope: s }] })])),
      ...numbers.map((d) => writer.append([input({ upstreamCalls: [{ provider: 'CNAV', route: '/r', status: null, outcome: 'ok', durationMs: d }] })])),
    ]);
    await writer.close();
    const stored = await storedEntries();
    expect(stored).toEqual(appended.flat().sort((x, y) => x.seq - y.seq));
    expect(stored.map((e) => e.purpose).slice(0, strings.length)).toEqual(strings);
    expect(await verifyJournal(db.knex)).toMatchObject({ ok: true, entries: strings.length + numbers.length });
  });

  it(`goes ${url ? 'around knex (node-postgres client from its pool)' : 'through knex (PGlite)'}`, async () => {
    const seen: string[] = [];
    const listener = (q: { sql: string }) => seen.push(q.sql);
    db.knex.on('query', listener);
    try {
      const writer = new JournalWriter(db.knex);
      await writer.append([input()]); // locked path
      await writer.append([input()]); // fast path
      await writer.close();
    } finally {
      db.knex.off('query', listener);
    }
    const journalStatements = seen.filter((sql) => /journal_lock_head|insert into journal_entries/.test(sql));
    expect(journalStatements.length).toBe(url ? 0 : 3);
  });
});

describe('connections after failures', () => {
  it('go back to the pool usable, on the fast and the locked path, more times than the pool has connections', async () => {
    // `single` has one connection: a leaked one would time out the next acquire, and one left
    // inside an aborted transaction would fail the next statement.
    const seeded = new JournalWriter(single.knex);
    await seeded.append([input()]);
    await single.knex.raw(`alter table journal_entries add constraint test_refuse_boom check (purpose <> 'boom')`);
    try {
      for (let i = 0; i < 4; i++) {
        // fast path (this writer knows the head) failing, then the locked path failing
        await expect(seeded.append([input({ purpose: 'boom' })])).rejects.toBeInstanceOf(JournalUnavailableError);
        // locked path (a new writer reads the head under the lock) failing after BEGIN
        await expect(new JournalWriter(single.knex).append([input(), input({ purpose: 'boom' })])).rejects.toBeInstanceOf(JournalUnavailableError);
        expect((await single.knex.raw('select 1 as one')).rows[0].one).toBe(1);
      }
    } finally {
      await single.knex.raw('alter table journal_entries drop constraint test_refuse_boom');
    }
    const [next] = await seeded.append([input()]);
    expect(next!.seq).toBe(2);
    await seeded.close();
    expect(await verifyJournal(single.knex)).toMatchObject({ ok: true, entries: 2 });
  });

  it('falls back from the fast path to the locked path when another writer moved the head', async () => {
    const a = new JournalWriter(db.knex);
    const b = new JournalWriter(single.knex);
    const [a1] = await a.append([input()]);
    const [b1] = await b.append([input()]);
    const [a2] = await a.append([input()]); // fast path refused (seq taken), then locked
    expect([a1!.seq, b1!.seq, a2!.seq]).toEqual([1, 2, 3]);
    expect(a2!.prevHash).toBe(b1!.hash);
    expect(a.stats).toMatchObject({ transactions: 2, failedTransactions: 0, entries: 2 });
    await a.close();
    await b.close();
    expect(await verifyJournal(db.knex)).toMatchObject({ ok: true, entries: 3 });
  });

  (url ? it : it.skip)('recovers from connections the server terminated', async () => {
    const writer = new JournalWriter(single.knex);
    await writer.append([input()]);
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      const killed = await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1 and pid <> pg_backend_pid()', [singleName]);
      expect(killed.rowCount).toBeGreaterThan(0);
    } finally {
      await admin.end();
    }
    // The first append may meet the dead connection (then it is refused, never half-recorded);
    // the pool replaces it and appends go on.
    let recorded = 0;
    for (let i = 0; i < 3 && recorded === 0; i++) {
      try {
        recorded = (await writer.append([input()])).length;
      } catch (error) {
        expect(error).toBeInstanceOf(JournalUnavailableError);
      }
    }
    expect(recorded).toBe(1);
    await writer.append([input()]);
    await writer.close();
    const v = await verifyJournal(db.knex);
    expect(v).toMatchObject({ ok: true, entries: 3 });
  });
});

describe('JOURNAL_ENTRY_FIELDS and the table', () => {
  it('declares exactly the columns of journal_entries, each with its type (a new field needs its migration)', async () => {
    const { rows } = await db.knex.raw<{ rows: { column_name: string; udt_name: string }[] }>(
      'select column_name, udt_name from information_schema.columns where table_name = ? and table_schema = current_schema() order by ordinal_position',
      [JOURNAL_TABLE],
    );
    const udt: Record<string, string> = { bigint: 'int8', uuid: 'uuid', timestamptz: 'timestamptz', text: 'text', jsonb: 'jsonb' };
    expect(rows.map((r) => [r.column_name, r.udt_name]).sort())
      .toEqual(DECLARED_FIELDS.map((f) => [f.column, udt[SQL_TYPE_OF_KIND[f.kind]]]).sort());
  });
});
