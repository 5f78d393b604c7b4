import type { JournalEntry } from '@hub/core';
import { DECLARED_FIELDS, SQL_TYPE_OF_KIND, type JournalEntryFields, type JournalFieldName } from './journal-entry-fields.js';

/** A `journal_entries` row as the drivers return it (pg: bigint as string; PGlite: number): one
 * column per declared field (JOURNAL_ENTRY_FIELDS). */
export type JournalRow = {
  [F in JournalFieldName as JournalEntryFields[F]['column']]: JournalEntryFields[F]['kind'] extends 'seq' ? string | number : JournalEntry[F];
};

export const JOURNAL_TABLE = 'journal_entries';

export function rowToEntry(r: JournalRow): JournalEntry {
  const row = r as unknown as Record<string, unknown>;
  const entry: Record<string, unknown> = {};
  for (const { name, column, kind } of DECLARED_FIELDS) {
    const v = row[column];
    if (kind === 'optional') {
      if (v !== null && v !== undefined) entry[name] = v; // NULL: the entry does not have it
      continue;
    }
    entry[name] = kind === 'seq' ? Number(v) : kind === 'timestamp' && !(v instanceof Date) ? new Date(v as string) : v;
  }
  return entry as JournalEntry;
}

/**
 * The INSERT of a batch: the whole batch travels as ONE bind parameter, a JSON array whose
 * elements are the entries' canonical encodings (camelCase keys, see canonical-entry-encoding.ts)
 * with `prevHash` and `hash` added (`entryRecordJson`). So each entry is serialised once, and the
 * stored values are read from the very text that was hashed. `json_to_recordset` (not jsonb: no
 * need to build a jsonb of the whole batch) maps the keys to the columns; a missing key would
 * be a NULL, which every column refuses.
 *
 * `param` is the placeholder (`$1` for node-postgres, `?` for knex); `fromPrefix` is an extra
 * FROM item written before the record set (the fast path's lock, see JournalWriter).
 */
export function insertFromJsonSql(param: string, fromPrefix = ''): string {
  return `insert into ${JOURNAL_TABLE} (${INSERT_COLUMNS}) select ${RECORD_VALUES} from ${fromPrefix}json_to_recordset(${param}::json) as r(${RECORD_TYPES})`;
}

// Derived from the declaration: each column, read from the element's key of the field's name.
const INSERT_COLUMNS = DECLARED_FIELDS.map((f) => f.column).join(', ');
const RECORD_VALUES = DECLARED_FIELDS.map((f) => `r."${f.name}"`).join(', ');
const RECORD_TYPES = DECLARED_FIELDS.map((f) => `"${f.name}" ${SQL_TYPE_OF_KIND[f.kind]}`).join(', ');

/**
 * One element of the batch parameter: the canonical encoding (a JSON object, `{...}`) with
 * `prevHash` and `hash` appended. Both are JSON string literals already (`"..."`).
 */
export function entryRecordJson(canonicalEncoding: string, prevHashJson: string, hashJson: string): string {
  return `${canonicalEncoding.slice(0, -1)},"prevHash":${prevHashJson},"hash":${hashJson}}`;
}
