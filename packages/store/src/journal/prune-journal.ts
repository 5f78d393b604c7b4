import type { Knex } from 'knex';
import { GENESIS_HASH } from './canonical-entry-encoding.js';
import type { JournalCheckpointPayload } from './journal-checkpoint.js';
import { JOURNAL_TABLE } from './journal-row.js';
import { verifyChainSegment } from './verify-journal.js';

export type PruneJournalOptions = {
  /** Entries recorded strictly before this date go (retention; the default period is config). */
  before: Date;
  /** Signs the checkpoint (the hub's ES256 key ring); the returned string is stored as is. */
  signCheckpoint: (payload: JournalCheckpointPayload) => Promise<string>;
  /** Clock for `prunedAt` (tests). */
  now?: () => Date;
};

export type PruneJournalResult = { pruned: number; checkpoint: { seq: number; hash: string } | null };

/** Refused because the segment to prune does not verify: signing it would launder the tampering. */
export class JournalPruneRefusedError extends Error {
  readonly code = 'JOURNAL_PRUNE_REFUSED' as const;
  constructor(readonly seq: number, readonly problem: string, detail: string) {
    super(`journal prune refused: ${problem} at seq ${seq}: ${detail}`);
    this.name = 'JournalPruneRefusedError';
  }
}

/**
 * Deletes the oldest entries (the longest prefix of the chain recorded before `before`, so an
 * entry newer than `before` is never removed even if clocks of several hubs disagree) and records
 * a signed checkpoint of the last pruned entry's seq and hash, from which verification restarts.
 *
 * The segment is verified first, outside the lock (entries are append-only, so it cannot change
 * under us except by tampering, which the hash re-check below catches); then, in one transaction
 * holding the append lock: checkpoint INSERT, and the DELETE the trigger allows only with the
 * transaction-local `hub.journal_prune` flag and only up to the checkpoint's seq.
 */
export async function pruneJournal(knex: Knex, options: PruneJournalOptions): Promise<PruneJournalResult> {
  const latest = await knex('journal_checkpoints').orderBy('seq', 'desc').first<{ seq: string | number; hash: string } | undefined>('seq', 'hash');
  const start = latest ? { seq: Number(latest.seq), hash: latest.hash } : { seq: 0, hash: GENESIS_HASH };

  const firstKept = await knex(JOURNAL_TABLE).where('recorded_at', '>=', options.before).min<{ s: string | number | null }>('seq as s').first();
  let upper: number;
  if (firstKept?.s != null) {
    upper = Number(firstKept.s) - 1;
  } else {
    const last = await knex(JOURNAL_TABLE).max<{ s: string | number | null }>('seq as s').first();
    upper = last?.s != null ? Number(last.s) : start.seq;
  }
  if (upper <= start.seq) return { pruned: 0, checkpoint: null };

  const segment = await verifyChainSegment(knex, { start, toSeq: upper });
  if (!segment.ok) throw new JournalPruneRefusedError(segment.seq, segment.problem, segment.detail);
  if (segment.toSeq !== upper) throw new JournalPruneRefusedError(upper, 'gap', `entry ${upper} is missing`);

  return knex.transaction(async (trx) => {
    await trx.raw('select last_seq from journal_lock_head()');
    const last = await trx(JOURNAL_TABLE).where('seq', upper).first<{ hash: string } | undefined>('hash');
    const lastHash = last?.hash;
    if (!lastHash || lastHash !== segment.lastHash) {
      throw new JournalPruneRefusedError(upper, 'edited', 'the segment changed while it was being verified');
    }
    const payload: JournalCheckpointPayload = {
      seq: upper,
      hash: lastHash,
      prunedAt: (options.now?.() ?? new Date()).toISOString(),
      count: segment.entries,
    };
    const signature = await options.signCheckpoint(payload);
    await trx('journal_checkpoints').insert({ seq: payload.seq, hash: payload.hash, pruned_at: new Date(payload.prunedAt), count: payload.count, signature });
    await trx.raw(`select set_config('hub.journal_prune', 'on', true)`);
    const pruned = affectedRows(await trx(JOURNAL_TABLE).where('seq', '<=', upper).delete());
    await trx.raw(`select set_config('hub.journal_prune', 'off', true)`);
    if (pruned !== payload.count) {
      throw new JournalPruneRefusedError(upper, 'gap', `expected to delete ${payload.count} entries, found ${pruned}`);
    }
    return { pruned, checkpoint: { seq: payload.seq, hash: payload.hash } };
  });
}

/** knex's pg client returns the count; knex-pglite returns the raw result object. */
function affectedRows(result: unknown): number {
  if (typeof result === 'number') return result;
  const r = result as { rowCount?: number | null; affectedRows?: number | null };
  return Number(r.rowCount ?? r.affectedRows ?? Number.NaN);
}
