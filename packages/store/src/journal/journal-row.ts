import type { DeniedField, JournalEntry, UpstreamCallRecord } from '@hub/core';

/** A `journal_entries` row as the drivers return it (pg: bigint as string; PGlite: number). */
export type JournalRow = {
  seq: string | number;
  id: string;
  recorded_at: Date;
  request_id: string;
  operator_id: string;
  token_jti: string;
  consent_id: string;
  subject_ref: string;
  purpose: string;
  released_fields: string[];
  released_scopes: string[];
  upstream_calls: UpstreamCallRecord[];
  denied_fields: DeniedField[];
  prev_hash: string;
  hash: string;
};

export const JOURNAL_TABLE = 'journal_entries';

export function rowToEntry(r: JournalRow): JournalEntry {
  return {
    seq: Number(r.seq),
    id: r.id,
    recordedAt: r.recorded_at instanceof Date ? r.recorded_at : new Date(r.recorded_at),
    requestId: r.request_id,
    operatorId: r.operator_id,
    tokenJti: r.token_jti,
    consentId: r.consent_id,
    subjectRef: r.subject_ref,
    purpose: r.purpose,
    releasedFields: r.released_fields,
    releasedScopes: r.released_scopes,
    upstreamCalls: r.upstream_calls,
    deniedFields: r.denied_fields,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
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
  return 'insert into journal_entries (seq, id, recorded_at, request_id, operator_id, token_jti, consent_id, subject_ref, purpose,'
    + ' released_fields, released_scopes, upstream_calls, denied_fields, prev_hash, hash)'
    + ' select r.seq, r.id, r."recordedAt", r."requestId", r."operatorId", r."tokenJti", r."consentId", r."subjectRef", r.purpose,'
    + ' r."releasedFields", r."releasedScopes", r."upstreamCalls", r."deniedFields", r."prevHash", r.hash'
    + ` from ${fromPrefix}json_to_recordset(${param}::json) as r(seq bigint, id uuid, "recordedAt" timestamptz, "requestId" text,`
    + ' "operatorId" text, "tokenJti" text, "consentId" text, "subjectRef" text, purpose text, "releasedFields" jsonb,'
    + ' "releasedScopes" jsonb, "upstreamCalls" jsonb, "deniedFields" jsonb, "prevHash" text, hash text)';
}

/**
 * One element of the batch parameter: the canonical encoding (a JSON object, `{...}`) with
 * `prevHash` and `hash` appended. Both are JSON string literals already (`"..."`).
 */
export function entryRecordJson(canonicalEncoding: string, prevHashJson: string, hashJson: string): string {
  return `${canonicalEncoding.slice(0, -1)},"prevHash":${prevHashJson},"hash":${hashJson}}`;
}
