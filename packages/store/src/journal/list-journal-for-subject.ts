import type { Knex } from 'knex';
import type { JournalEntry } from '@hub/core';
import { JOURNAL_TABLE, rowToEntry, type JournalRow } from './journal-row.js';

export type ListJournalForSubjectOptions = {
  /** Page size (default 50, at most 500). */
  limit?: number;
  /** Cursor: only entries with a smaller seq (pass the last seq of the previous page). */
  before?: number;
};

/** A citizen's entries, newest first (`/me/access-log`); `subjectRef` is the keyed pseudonym. */
export async function listJournalForSubject(knex: Knex, subjectRef: string, options: ListJournalForSubjectOptions = {}): Promise<JournalEntry[]> {
  const limit = Math.min(Math.max(1, Math.floor(options.limit ?? 50)), 500);
  const q = knex<JournalRow>(JOURNAL_TABLE).where('subject_ref', subjectRef).orderBy('seq', 'desc').limit(limit);
  if (options.before !== undefined) q.andWhere('seq', '<', options.before);
  return (await q).map(rowToEntry);
}
