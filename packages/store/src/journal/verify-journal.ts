import type { Knex } from 'knex';
import { entryHash, GENESIS_HASH } from './canonical-entry-encoding.js';
import type { JournalCheckpoint } from './journal-checkpoint.js';
import { JOURNAL_TABLE, rowToEntry, type JournalRow } from './journal-row.js';

export type JournalProblem = 'edited' | 'gap' | 'broken_link' | 'reordered' | 'bad_checkpoint';

export type JournalVerification =
  | {
      ok: true;
      /** Entries walked (those after the latest checkpoint). */
      entries: number;
      fromSeq: number | null;
      toSeq: number | null;
      /** Where the walk started; `signatureChecked` is false when no verifier was given. */
      checkpoint: { seq: number; hash: string; signatureChecked: boolean } | null;
    }
  | { ok: false; seq: number; problem: JournalProblem; detail: string };

export type VerifyJournalOptions = {
  /** Checks a checkpoint's signature against its fields (the hub's key ring). */
  verifyCheckpoint?: (checkpoint: JournalCheckpoint) => Promise<boolean>;
  /** Rows read per query (memory stays constant in the journal's size). */
  pageSize?: number;
};

type CheckpointRow = { seq: string | number; hash: string; pruned_at: Date; count: string | number; signature: string };

/**
 * Walks the chain (docs/contract.md#journal, `hub audit verify`) and reports the FIRST problem, or ok.
 *
 * Checkpoints are checked first (every one's signature, when a verifier is given); the walk then
 * starts after the latest: the next entry must have seq = checkpoint.seq + 1 and prev_hash =
 * checkpoint.hash (no checkpoint: seq 1 and the genesis hash, 64 zeros). For each entry, in order:
 * - `gap`: its seq is not the expected one — entries from the reported seq were deleted;
 * - `reordered`: its prev_hash is the hash of another entry of the journal, not of its predecessor;
 * - `edited`: its prev_hash links to nothing known and its own hash does not match its content,
 *   or it links correctly but its hash does not match its content;
 * - `broken_link`: it is self-consistent but chains to an unknown hash (its predecessor was
 *   rewritten with a recomputed hash, or this entry was forged).
 * Limits: removing the newest entries (the tail) leaves a valid shorter chain; only an external
 * record of the head (a later checkpoint, a copy elsewhere) reveals it.
 */
export async function verifyJournal(knex: Knex, options: VerifyJournalOptions = {}): Promise<JournalVerification> {
  const checkpoints = (await knex<CheckpointRow>('journal_checkpoints').orderBy('seq', 'asc')).map(toCheckpoint);
  if (options.verifyCheckpoint) {
    for (const cp of checkpoints) {
      if (!(await options.verifyCheckpoint(cp))) {
        return { ok: false, seq: cp.seq, problem: 'bad_checkpoint', detail: `checkpoint at seq ${cp.seq}: signature does not match its seq, hash, date and count` };
      }
    }
  }
  const latest = checkpoints.at(-1);
  const result = await verifyChainSegment(knex, {
    start: latest ? { seq: latest.seq, hash: latest.hash } : { seq: 0, hash: GENESIS_HASH },
    pageSize: options.pageSize,
  });
  if (!result.ok) return result;
  const { lastHash: _lastHash, ...walked } = result;
  return {
    ...walked,
    checkpoint: latest ? { seq: latest.seq, hash: latest.hash, signatureChecked: options.verifyCheckpoint !== undefined } : null,
  };
}

/** @internal Walks entries after `start` (up to `toSeq` when given); shared with pruneJournal. */
export async function verifyChainSegment(
  knex: Knex,
  options: { start: { seq: number; hash: string }; toSeq?: number; pageSize?: number | undefined },
): Promise<{ ok: true; entries: number; fromSeq: number | null; toSeq: number | null; lastHash: string } | { ok: false; seq: number; problem: JournalProblem; detail: string }> {
  const pageSize = Math.max(1, options.pageSize ?? 1000);
  let expectedSeq = options.start.seq + 1;
  let expectedPrev = options.start.hash;
  let fromSeq: number | null = null;
  let count = 0;
  for (;;) {
    const q = knex<JournalRow>(JOURNAL_TABLE).where('seq', '>=', expectedSeq).orderBy('seq', 'asc').limit(pageSize);
    if (options.toSeq !== undefined) q.andWhere('seq', '<=', options.toSeq);
    const rows = await q;
    for (const row of rows) {
      const e = rowToEntry(row);
      if (e.seq !== expectedSeq) {
        return { ok: false, seq: expectedSeq, problem: 'gap', detail: `entries ${expectedSeq}..${e.seq - 1} are missing (deleted)` };
      }
      const selfConsistent = entryHash(e.prevHash, e) === e.hash;
      if (e.prevHash !== expectedPrev) {
        // Only on a broken link: a scan by hash (unindexed on purpose, to keep INSERTs cheap).
        const linked = await knex(JOURNAL_TABLE).where('hash', e.prevHash).first<{ seq: string | number } | undefined>('seq');
        if (linked && Number(linked.seq) !== e.seq - 1) {
          return { ok: false, seq: e.seq, problem: 'reordered', detail: `entry ${e.seq} follows entry ${Number(linked.seq)} in the chain, not entry ${e.seq - 1}` };
        }
        if (!selfConsistent) {
          return { ok: false, seq: e.seq, problem: 'edited', detail: `entry ${e.seq}: its hash does not match its content or its prev_hash` };
        }
        const predecessor = e.seq - 1 > options.start.seq ? `entry ${e.seq - 1}` : options.start.seq > 0 ? 'the checkpoint' : 'the genesis hash';
        return { ok: false, seq: e.seq, problem: 'broken_link', detail: `entry ${e.seq} does not chain to ${predecessor} (it was rewritten, or this entry forged)` };
      }
      if (!selfConsistent) {
        return { ok: false, seq: e.seq, problem: 'edited', detail: `entry ${e.seq}: its hash does not match its content` };
      }
      fromSeq ??= e.seq;
      count += 1;
      expectedSeq += 1;
      expectedPrev = e.hash;
    }
    if (rows.length < pageSize) break;
  }
  return { ok: true, entries: count, fromSeq, toSeq: fromSeq === null ? null : expectedSeq - 1, lastHash: expectedPrev };
}

function toCheckpoint(r: CheckpointRow): JournalCheckpoint {
  return {
    seq: Number(r.seq),
    hash: r.hash,
    prunedAt: (r.pruned_at instanceof Date ? r.pruned_at : new Date(r.pruned_at)).toISOString(),
    count: Number(r.count),
    signature: r.signature,
  };
}
