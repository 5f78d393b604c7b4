import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { JournalEntry, JournalEntryInput } from '@hub/core';
import { entryHash } from './canonical-entry-encoding.js';
import { JournalUnavailableError } from './journal-unavailable-error.js';
import { entryToRecord } from './journal-row.js';
import { normalizeEntryInput } from './normalize-entry-input.js';

export type JournalWriterOptions = {
  /** Most entries per transaction (default 500, at most 5000). */
  maxBatch?: number;
  /** How long the first entry of an idle writer waits for company. Default 0: it waits only for
   * the end of the current event-loop turn (setImmediate); under load, batches form anyway while
   * the previous transaction is in flight, so a longer window mostly adds latency. */
  maxWaitMs?: number;
  /** Clock for `recordedAt` (tests). */
  now?: () => Date;
  /** Called after each transaction, committed or failed (metrics, tests). */
  onCommit?: (event: JournalCommitEvent) => void;
};

export type JournalCommitEvent = { ok: boolean; callers: number; entries: number; durationMs: number };

export type JournalWriterStats = { transactions: number; failedTransactions: number; entries: number; appendCalls: number };

type ChainHead = { seq: number; hash: string };

function lastOf(entries: JournalEntry[][]): ChainHead | null {
  const last = entries.flat().at(-1);
  return last ? { seq: last.seq, hash: last.hash } : null;
}

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

/**
 * Group commit for the journal (DESIGN.md §9: nothing released before it is recorded).
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
 * after a failure) four: BEGIN; `journal_lock_head()` (the cross-process advisory lock and the
 * chain head, see its migration); the INSERT; COMMIT. Hashes are computed here, before the INSERT.
 */
export class JournalWriter {
  private readonly maxBatch: number;
  private readonly maxWaitMs: number;
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
  private readonly counters: JournalWriterStats = { transactions: 0, failedTransactions: 0, entries: 0, appendCalls: 0 };

  constructor(private readonly knex: Knex, options: JournalWriterOptions = {}) {
    this.maxBatch = Math.min(Math.max(1, Math.floor(options.maxBatch ?? 500)), MAX_BATCH_LIMIT);
    this.maxWaitMs = Math.max(0, options.maxWaitMs ?? 0);
    this.now = options.now ?? (() => new Date());
    this.onCommit = options.onCommit;
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
      if (this.maxWaitMs > 0) {
        const t = setTimeout(fire, this.maxWaitMs);
        this.timer = { cancel: () => clearTimeout(t) };
      } else {
        const t = setImmediate(fire);
        this.timer = { cancel: () => clearImmediate(t) };
      }
    }
  }

  private startFlush(): void {
    if (this.flushing || this.queue.length === 0) return;
    this.flushing = true;
    this.drained = this.drain();
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) await this.commit(this.takeBatch());
    } finally {
      this.flushing = false;
    }
  }

  private takeBatch(): Pending[] {
    const batch: Pending[] = [];
    let size = 0;
    while (this.queue.length > 0) {
      const next = this.queue[0]!;
      if (batch.length > 0 && size + next.entries.length > this.maxBatch) break;
      batch.push(next);
      size += next.entries.length;
      this.queue.shift();
    }
    this.queuedEntries -= size;
    return batch;
  }

  /** Never throws: the outcome goes to the batch's callers. */
  private async commit(batch: Pending[]): Promise<void> {
    const started = performance.now();
    const entryCount = batch.reduce((n, p) => n + p.entries.length, 0);
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
    batch.forEach((p, i) => p.resolve(results[i]!));
  }

  /**
   * Fast path: this writer knows the chain head it committed last, so it appends after it in ONE
   * autocommit statement (no BEGIN/lock/COMMIT round trips). If another hub appended meanwhile,
   * the primary key on `seq` refuses the whole statement (nothing is written) and the batch goes
   * through the locked path, which reads the real head under the cross-process lock. Either way
   * the chain stays linear: a row is only ever inserted right after the row it hashes.
   */
  private async appendBatch(batch: Pending[]): Promise<JournalEntry[][]> {
    if (this.head) {
      const chained = this.chain(batch, this.head);
      try {
        await this.insert(this.knex, chained, true);
        this.head = lastOf(chained);
        return chained;
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        this.head = null; // someone else appended: take the lock and read the head
      }
    }
    for (let attempt = 1; ; attempt++) {
      try {
        const chained = await this.knex.transaction(async (trx) => {
          const head = await trx.raw<{ rows: { last_seq: string | number; last_hash: string }[] }>(
            'select last_seq, last_hash from journal_lock_head()',
          );
          const row = head.rows[0];
          if (!row) throw new Error('journal_lock_head() returned no row');
          const result = this.chain(batch, { seq: Number(row.last_seq), hash: row.last_hash });
          await this.insert(trx, result, false);
          return result;
        });
        this.head = lastOf(chained);
        return chained;
      } catch (error) {
        // Cannot normally happen (every path appends under the lock); a retry costs nothing.
        if (!isUniqueViolation(error) || attempt >= 3) throw error;
      }
    }
  }

  private chain(batch: Pending[], head: ChainHead): JournalEntry[][] {
    let seq = head.seq;
    let prevHash = head.hash;
    const recordedAt = new Date(this.now().getTime());
    return batch.map((p) =>
      p.entries.map((input) => {
        seq += 1;
        const body = { ...input, seq, id: randomUUID(), recordedAt };
        const hash = entryHash(prevHash, body);
        const entry: JournalEntry = { ...body, prevHash, hash };
        prevHash = hash;
        return entry;
      }),
    );
  }

  /**
   * The fast path takes the same append lock inside its one statement (it lasts until the
   * statement commits), so a writer on the locked path is never overtaken between reading the
   * head and inserting.
   */
  private async insert(db: Knex | Knex.Transaction, entries: JournalEntry[][], takeLock: boolean): Promise<void> {
    // The lock is a FROM item: the first row to insert cannot be produced before it is taken.
    // (Not `WHERE EXISTS (select lock())`: PostgreSQL drops an EXISTS sub-query's select list.)
    const lock = takeLock ? "(select pg_advisory_xact_lock('journal_entries'::regclass::oid::bigint) offset 0) l, " : '';
    await db.raw(`insert into journal_entries select r.* from ${lock}jsonb_populate_recordset(null::journal_entries, ?::jsonb) r`, [
      JSON.stringify(entries.flat().map(entryToRecord)),
    ]);
  }

  private notify(event: JournalCommitEvent): void {
    try {
      this.onCommit?.(event);
    } catch {
      // A metrics hook must not decide the callers' outcome.
    }
  }
}
