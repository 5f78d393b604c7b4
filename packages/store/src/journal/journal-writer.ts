import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { JournalEntry, JournalEntryInput } from '@hub/core';
import { canonicalEntryEncodingReference, chainHash, fastEntryEncoding, jsonString } from './canonical-entry-encoding.js';
import { JournalUnavailableError } from './journal-unavailable-error.js';
import { entryRecordJson, insertFromJsonSql } from './journal-row.js';
import { normalizeEntryInput } from './normalize-entry-input.js';
import { acquirePgClient, pgQuery, releasePgClient, usesNodePostgres, type PgClient } from '../pg-client.js';

export type JournalWriterOptions = {
  /** Most entries per transaction (default 500, at most 5000). */
  maxBatch?: number;
  /** How long the first entry of an idle writer waits for company. Default 0: it waits only for
   * the end of the current event-loop turn (setImmediate); under load, batches form anyway while
   * the previous transaction is in flight, so a longer window mostly adds latency. */
  maxWaitMs?: number;
  /** Pacing under load (default 1 ms, 0 to disable): a transaction does not start less than this
   * after the previous one started; entries arriving meanwhile join it. An idle writer is not
   * delayed. Each INSERT statement costs PostgreSQL far more CPU than each extra row in it
   * (measured here: ~200 µs per one-row statement vs ~60 µs per added row), so under load fewer,
   * larger transactions leave more CPU to everything else, for at most this much latency. */
  minBatchIntervalMs?: number;
  /** Clock for `recordedAt` (tests). */
  now?: () => Date;
  /** Called after each transaction, committed or failed (metrics, tests). */
  onCommit?: (event: JournalCommitEvent) => void;
};

export type JournalCommitEvent = { ok: boolean; callers: number; entries: number; durationMs: number };

export type JournalWriterStats = { transactions: number; failedTransactions: number; entries: number; appendCalls: number };

type ChainHead = { seq: number; hash: string };

/** A batch chained after a head: the callers' entries, the INSERT's parameter, the new head. */
type Chained = { results: JournalEntry[][]; payload: string; last: ChainHead };

/** PostgreSQL unique_violation (also PGlite's). */
function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '23505';
}

type Pending = {
  entries: JournalEntryInput[];
  resolve: (entries: JournalEntry[]) => void;
  reject: (error: Error) => void;
};

const MAX_BATCH_LIMIT = 5000; // keeps one transaction's INSERT to a few megabytes

// The lock is a FROM item: the first row to insert cannot be produced before it is taken.
// (Not `WHERE EXISTS (select lock())`: PostgreSQL drops an EXISTS sub-query's select list.)
const FAST_PATH_LOCK = "(select pg_advisory_xact_lock('journal_entries'::regclass::oid::bigint) offset 0) l, ";
const LOCK_HEAD_SQL = 'select last_seq, last_hash from journal_lock_head()';
type HeadRow = { last_seq: string | number; last_hash: string };

/** The statements on node-postgres: named, so each connection parses and plans them once. */
const PG_FAST_INSERT = { name: 'hub_journal_insert_after_own_head', text: insertFromJsonSql('$1', FAST_PATH_LOCK) };
const PG_LOCKED_INSERT = { name: 'hub_journal_insert_locked', text: insertFromJsonSql('$1') };
// One round trip for both (simple protocol, two statements): the lock is then held until COMMIT.
const PG_BEGIN_AND_LOCK_HEAD = `begin; ${LOCK_HEAD_SQL}`;
/** The same through knex (other drivers: PGlite). */
const KNEX_FAST_INSERT = insertFromJsonSql('?', FAST_PATH_LOCK);
const KNEX_LOCKED_INSERT = insertFromJsonSql('?');

/**
 * Group commit for the journal (docs/contract.md#journal: nothing released before it is recorded).
 *
 * The invariant: a caller's promise resolves only after the transaction holding its entries has
 * COMMITTED, and rejects with JournalUnavailableError if that transaction failed; the caller then
 * withholds the personal data. One caller's entries are never split across transactions.
 *
 * When a batch is dispatched: at most one transaction is in flight per writer. An append to an
 * idle writer waits until the end of the event-loop turn (or `maxWaitMs`, or until `maxBatch`
 * entries are queued) for others; appends that arrive while a transaction is in flight queue up
 * and go out together as soon as it ends — so the batch size grows with the load and an idle hub
 * pays only the short window.
 *
 * A batch costs ONE round trip when this writer knows the chain head (it wrote it last): a
 * multi-row INSERT chained after it, in autocommit. Otherwise (first batch, another hub appended,
 * after a failure) three: BEGIN with `journal_lock_head()` (the cross-process advisory lock and the
 * chain head, see its migration); the INSERT; COMMIT. Hashes are computed here, before the INSERT.
 *
 * CPU per entry is what limits a busy hub, so the hot path is specialised: entries are checked
 * and copied by a shape-specific normaliser, encoded once by the specialised canonical encoder
 * (the same bytes as the reference), and that one text serves both the hash and the INSERT's
 * single JSON parameter. On node-postgres, the statements go straight to a client taken from
 * knex's pool (named, so parsed once per connection); on other drivers (PGlite) through knex.
 */
export class JournalWriter {
  private readonly maxBatch: number;
  private readonly maxWaitMs: number;
  private readonly minBatchIntervalMs: number;
  private lastBatchStartedAt = Number.NEGATIVE_INFINITY;
  private readonly now: () => Date;
  private readonly onCommit: ((event: JournalCommitEvent) => void) | undefined;
  private queue: Pending[] = [];
  private queuedEntries = 0;
  private timer: { cancel(): void } | null = null;
  private flushing = false;
  private drained: Promise<void> = Promise.resolve();
  private closed = false;
  /** The chain head this writer committed last (null: unknown, read it under the lock). */
  private head: ChainHead | null = null;
  /** knex's driver is node-postgres: statements go straight to a pooled pg client (see acquirePg). */
  private rawPg: boolean;
  private readonly counters: JournalWriterStats = { transactions: 0, failedTransactions: 0, entries: 0, appendCalls: 0 };

  constructor(private readonly knex: Knex, options: JournalWriterOptions = {}) {
    this.maxBatch = Math.min(Math.max(1, Math.floor(options.maxBatch ?? 500)), MAX_BATCH_LIMIT);
    this.maxWaitMs = Math.max(0, options.maxWaitMs ?? 0);
    this.minBatchIntervalMs = Math.min(Math.max(0, options.minBatchIntervalMs ?? 1), 1000);
    this.now = options.now ?? (() => new Date());
    this.onCommit = options.onCommit;
    this.rawPg = usesNodePostgres(knex);
  }

  /** Counters since construction: transactions attempted vs append calls shows the grouping. */
  get stats(): Readonly<JournalWriterStats> {
    return { ...this.counters };
  }

  /** Records the entries; resolves with them (seq, id, hashes) once committed. */
  append(entries: JournalEntryInput[]): Promise<JournalEntry[]> {
    if (this.closed) return Promise.reject(new JournalUnavailableError('journal writer is closed'));
    let normalized: JournalEntryInput[];
    try {
      normalized = entries.map(normalizeEntryInput);
    } catch (error) {
      return Promise.reject(error as Error);
    }
    this.counters.appendCalls += 1;
    if (normalized.length === 0) return Promise.resolve([]);
    return new Promise<JournalEntry[]>((resolve, reject) => {
      this.queue.push({ entries: normalized, resolve, reject });
      this.queuedEntries += normalized.length;
      this.schedule();
    });
  }

  /** Flushes what is queued, waits for it, then refuses further appends. */
  async close(): Promise<void> {
    this.closed = true;
    this.timer?.cancel();
    this.timer = null;
    this.startFlush();
    await this.drained;
  }

  private schedule(): void {
    if (this.flushing) return; // the running drain loop picks the queue up
    if (this.queuedEntries >= this.maxBatch) {
      this.timer?.cancel();
      this.timer = null;
      this.startFlush();
    } else if (!this.timer) {
      const fire = () => {
        this.timer = null;
        this.startFlush();
      };
      const wait = Math.max(this.maxWaitMs, this.paceDelay());
      if (wait > 0) {
        const t = setTimeout(fire, wait);
        this.timer = { cancel: () => clearTimeout(t) };
      } else {
        const t = setImmediate(fire);
        this.timer = { cancel: () => clearImmediate(t) };
      }
    }
  }

  /** How long the next transaction must still wait to respect `minBatchIntervalMs`. */
  private paceDelay(): number {
    return this.lastBatchStartedAt + this.minBatchIntervalMs - performance.now();
  }

  private startFlush(): void {
    if (this.flushing || this.queue.length === 0) return;
    this.flushing = true;
    this.drained = this.drain();
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const pace = this.closed ? 0 : this.paceDelay();
        if (pace > 0 && this.queuedEntries < this.maxBatch) await new Promise((resolve) => setTimeout(resolve, pace));
        this.lastBatchStartedAt = performance.now();
        await this.commit(this.takeBatch());
      }
    } finally {
      this.flushing = false;
    }
  }

  private takeBatch(): Pending[] {
    let count = 0;
    let size = 0;
    while (count < this.queue.length) {
      const n = this.queue[count]!.entries.length;
      if (count > 0 && size + n > this.maxBatch) break;
      size += n;
      count += 1;
    }
    this.queuedEntries -= size;
    if (count === this.queue.length) {
      const batch = this.queue;
      this.queue = [];
      return batch;
    }
    return this.queue.splice(0, count);
  }

  /** Never throws: the outcome goes to the batch's callers. */
  private async commit(batch: Pending[]): Promise<void> {
    const started = performance.now();
    let entryCount = 0;
    for (const p of batch) entryCount += p.entries.length;
    this.counters.transactions += 1;
    let results: JournalEntry[][];
    try {
      results = await this.appendBatch(batch);
    } catch (error) {
      this.head = null;
      this.counters.failedTransactions += 1;
      this.notify({ ok: false, callers: batch.length, entries: entryCount, durationMs: performance.now() - started });
      const failure = new JournalUnavailableError('the journal transaction failed; entries not recorded', { cause: error });
      for (const p of batch) p.reject(failure);
      return;
    }
    this.counters.entries += entryCount;
    this.notify({ ok: true, callers: batch.length, entries: entryCount, durationMs: performance.now() - started });
    for (let i = 0; i < batch.length; i++) batch[i]!.resolve(results[i]!);
  }

  /**
   * Fast path: this writer knows the chain head it committed last, so it appends after it in ONE
   * autocommit statement (no BEGIN/lock/COMMIT round trips). If another hub appended meanwhile,
   * the primary key on `seq` refuses the whole statement (nothing is written) and the batch goes
   * through the locked path, which reads the real head under the cross-process lock. Either way
   * the chain stays linear: a row is only ever inserted right after the row it hashes.
   *
   * The fast path takes the same append lock inside its one statement (it lasts until the
   * statement commits), so a writer on the locked path is never overtaken between reading the
   * head and inserting.
   */
  private async appendBatch(batch: Pending[]): Promise<JournalEntry[][]> {
    if (this.head) {
      const chained = this.chain(batch, this.head);
      try {
        await this.insertAfterOwnHead(chained.payload);
        this.head = chained.last;
        return chained.results;
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        this.head = null; // someone else appended: take the lock and read the head
      }
    }
    for (let attempt = 1; ; attempt++) {
      try {
        const chained = await this.appendLocked(batch);
        this.head = chained.last;
        return chained.results;
      } catch (error) {
        // Cannot normally happen (every path appends under the lock); a retry costs nothing.
        if (!isUniqueViolation(error) || attempt >= 3) throw error;
      }
    }
  }

  /** One autocommit INSERT taking the append lock as a FROM item (see appendBatch). */
  private async insertAfterOwnHead(payload: string): Promise<void> {
    const client = this.rawPg ? await this.acquirePg() : null;
    if (!client) {
      await this.knex.raw(KNEX_FAST_INSERT, [payload]);
      return;
    }
    try {
      await pgQuery(client, { ...PG_FAST_INSERT, values: [payload] });
    } finally {
      this.releasePg(client);
    }
  }

  /** BEGIN; `journal_lock_head()`; the INSERT chained after the head it returned; COMMIT. */
  private async appendLocked(batch: Pending[]): Promise<Chained> {
    const client = this.rawPg ? await this.acquirePg() : null;
    if (!client) {
      return this.knex.transaction(async (trx) => {
        const head = await trx.raw<{ rows: HeadRow[] }>(LOCK_HEAD_SQL);
        const chained = this.chain(batch, headOf(head.rows[0]));
        await trx.raw(KNEX_LOCKED_INSERT, [chained.payload]);
        return chained;
      });
    }
    try {
      // From here on a transaction may be open: any failure rolls it back before the client
      // goes back to the pool, and a client that cannot even roll back is discarded.
      const results = await pgQuery(client, { text: PG_BEGIN_AND_LOCK_HEAD });
      const head = Array.isArray(results) ? results[results.length - 1] : results;
      const chained = this.chain(batch, headOf(head?.rows[0] as HeadRow | undefined));
      await pgQuery(client, { ...PG_LOCKED_INSERT, values: [chained.payload] });
      await pgQuery(client, { text: 'commit' });
      return chained;
    } catch (error) {
      await pgQuery(client, { text: 'rollback' }).catch((rollbackError: unknown) => {
        // knex's own mark for a broken pg connection: the pool destroys it instead of reusing it.
        (client as { __knex__disposed?: unknown }).__knex__disposed = rollbackError;
      });
      throw error;
    } finally {
      this.releasePg(client);
    }
  }

  /**
   * A node-postgres client from knex's pool (null, for good, if the pool hands out something
   * else: then knex runs the statements). Released by releasePg on every path.
   */
  private async acquirePg(): Promise<PgClient | null> {
    const client = await acquirePgClient(this.knex);
    if (!client) this.rawPg = false;
    return client;
  }

  private releasePg(connection: PgClient): void {
    void releasePgClient(this.knex, connection);
  }

  /**
   * Numbers and hashes the batch's entries after `head`, and builds the INSERT's parameter from
   * the same canonical encodings that were hashed. Every entry of a batch gets the same
   * `recordedAt`.
   */
  private chain(batch: Pending[], head: ChainHead): Chained {
    let seq = head.seq;
    let prevHash = head.hash;
    let prevHashJson = jsonString(prevHash);
    const recordedAt = new Date(this.now().getTime());
    const recordedAtIso = recordedAt.toISOString();
    const results = new Array<JournalEntry[]>(batch.length);
    let payload = '';
    for (let b = 0; b < batch.length; b++) {
      const inputs = batch[b]!.entries;
      const entries = new Array<JournalEntry>(inputs.length);
      for (let i = 0; i < inputs.length; i++) {
        const input = inputs[i]!;
        seq += 1;
        // The caller's fields (the normalised input holds exactly those, see JOURNAL_ENTRY_FIELDS)
        // and the writer's.
        const entry: JournalEntry = {
          ...input,
          seq,
          id: randomUUID(),
          recordedAt,
          prevHash,
          hash: '',
        };
        const encoding = fastEntryEncoding(entry, recordedAtIso) ?? canonicalEntryEncodingReference(entry);
        const hash = chainHash(prevHash, encoding);
        entry.hash = hash;
        const hashJson = `"${hash}"`; // hex
        const record = entryRecordJson(encoding, prevHashJson, hashJson);
        payload = payload === '' ? record : `${payload},${record}`;
        entries[i] = entry;
        prevHash = hash;
        prevHashJson = hashJson;
      }
      results[b] = entries;
    }
    return { results, payload: `[${payload}]`, last: { seq, hash: prevHash } };
  }

  private notify(event: JournalCommitEvent): void {
    try {
      this.onCommit?.(event);
    } catch {
      // A metrics hook must not decide the callers' outcome.
    }
  }
}

function headOf(row: HeadRow | undefined): ChainHead {
  if (!row) throw new Error('journal_lock_head() returned no row');
  return { seq: Number(row.last_seq), hash: row.last_hash };
}

