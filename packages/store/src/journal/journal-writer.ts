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
 * Each transaction costs four round trips whatever its size: BEGIN; `journal_lock_head()` (the
 * cross-process advisory lock and the chain head, see its migration); one multi-row INSERT (the
 * batch as one JSON parameter); COMMIT.
 * Hashes are computed here, between the lock and the INSERT.
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
      results = await this.knex.transaction(async (trx) => {
        const head = await trx.raw<{ rows: { last_seq: string | number; last_hash: string }[] }>(
          'select last_seq, last_hash from journal_lock_head()',
        );
        const row = head.rows[0];
        if (!row) throw new Error('journal_lock_head() returned no row');
        let seq = Number(row.last_seq);
        let prevHash = row.last_hash;
        const recordedAt = new Date(this.now().getTime());
        const perCaller = batch.map((p) =>
          p.entries.map((input) => {
            seq += 1;
            const body = { ...input, seq, id: randomUUID(), recordedAt };
            const hash = entryHash(prevHash, body);
            const entry: JournalEntry = { ...body, prevHash, hash };
            prevHash = hash;
            return entry;
          }),
        );
        await trx.raw('insert into journal_entries select * from jsonb_populate_recordset(null::journal_entries, ?::jsonb)', [
          JSON.stringify(perCaller.flat().map(entryToRecord)),
        ]);
        return perCaller;
      });
    } catch (error) {
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

  private notify(event: JournalCommitEvent): void {
    try {
      this.onCommit?.(event);
    } catch {
      // A metrics hook must not decide the callers' outcome.
    }
  }
}
