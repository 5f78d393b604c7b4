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
 * The row as one element of the JSON array that `jsonb_populate_recordset(null::journal_entries, $1)`
 * turns into rows: the whole batch travels as ONE bind parameter (cheaper to build and parse than
 * 15 per row), and jsonb columns take the nested JSON values as they are.
 */
export function entryToRecord(e: JournalEntry): Record<string, unknown> {
  return {
    seq: e.seq,
    id: e.id,
    recorded_at: e.recordedAt.toISOString(),
    request_id: e.requestId,
    operator_id: e.operatorId,
    token_jti: e.tokenJti,
    consent_id: e.consentId,
    subject_ref: e.subjectRef,
    purpose: e.purpose,
    released_fields: e.releasedFields,
    released_scopes: e.releasedScopes,
    upstream_calls: e.upstreamCalls,
    denied_fields: e.deniedFields,
    prev_hash: e.prevHash,
    hash: e.hash,
  };
}
