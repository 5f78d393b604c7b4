import type { Knex } from 'knex';
import type { JournalEntry } from '@hub/core';
import { JOURNAL_TABLE, rowToEntry, type JournalRow } from './journal-row.js';

export type JournalExportFilter = {
  operatorId?: string;
  /** Inclusive, on `recordedAt`. */
  since?: Date;
  /** Exclusive, on `recordedAt`. */
  until?: Date;
  /** Rows per query (default 500). */
  pageSize?: number;
};

/**
 * The entries matching the filter, ordered by seq, read page by page (keyset on seq) so an
 * operator's export of years of journal streams in constant memory (`hub audit export`).
 */
export async function* exportJournal(knex: Knex, filter: JournalExportFilter = {}): AsyncIterable<JournalEntry> {
  const pageSize = Math.max(1, filter.pageSize ?? 500);
  let after = 0;
  for (;;) {
    const q = knex<JournalRow>(JOURNAL_TABLE).where('seq', '>', after).orderBy('seq', 'asc').limit(pageSize);
    if (filter.operatorId !== undefined) q.andWhere('operator_id', filter.operatorId);
    if (filter.since) q.andWhere('recorded_at', '>=', filter.since);
    if (filter.until) q.andWhere('recorded_at', '<', filter.until);
    const rows = await q;
    for (const row of rows) yield rowToEntry(row);
    if (rows.length < pageSize) return;
    after = Number(rows[rows.length - 1]!.seq);
  }
}
