import { canonicalJson } from './canonical-entry-encoding.js';

/** What the hub signs when it prunes: the last pruned entry's seq and hash. */
export type JournalCheckpointPayload = {
  seq: number;
  hash: string;
  /** ISO 8601 UTC with milliseconds. */
  prunedAt: string;
  /** Number of entries this prune removed. */
  count: number;
};

/** A stored checkpoint, as handed to `verifyCheckpoint`. */
export type JournalCheckpoint = JournalCheckpointPayload & { signature: string };

/** Bytes to sign and to compare on verification: canonical JSON of the four payload fields. */
export function canonicalCheckpointEncoding(payload: JournalCheckpointPayload): string {
  const { seq, hash, prunedAt, count } = payload;
  return canonicalJson({ seq, hash, prunedAt, count });
}
