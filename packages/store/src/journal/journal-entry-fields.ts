import type { DeniedField, JournalEntry, JournalEntryInput, UpstreamCallRecord } from '@hub/core';

/**
 * The journal entry's fields, declared once. The normaliser (and its reference), the canonical
 * encoder (and its reference), the row mapping and the INSERT's column lists are all derived from
 * this table, and the types below refuse a table that misses a field of `JournalEntry`, names one
 * it does not have, or gives it a kind its type cannot hold. Adding a field to `JournalEntry` is
 * this one edit here (plus its migration: `journal-writer.db.test.ts` compares this table with
 * the table's columns).
 *
 * Kinds: `seq`, `uuid`, `timestamp` and `hash` are set by the writer; `text` (a non-empty string),
 * `strings` (an array of strings) and `records` (an array of flat objects of the listed keys) come
 * from the caller (`JournalEntryInput`). Every field but the `hash` kind (`prevHash`, chained
 * separately, and `hash` itself) is covered by the entry's hash, under its TypeScript name.
 *
 * The order of the caller's fields is the order of the normalised entry's keys and of the checks
 * (the first refused field names the error). The hash does not depend on it (keys are sorted).
 *
 * Persisted format: a hashed field added once entries exist changes the encoding of the entries
 * that have it, never of the older ones, only if it is absent (undefined) from the older ones —
 * the encoding omits undefined properties. Such a field has the `optional` kind: an optional
 * non-empty string, absent from the normalised entry when the caller gave none (never an empty
 * string, never null), omitted by both encoders, stored as NULL and read back as absent. So an
 * entry without it encodes — and hashes — exactly as before the field existed
 * (journal-hash-format.test.ts pins this).
 */
export const JOURNAL_ENTRY_FIELDS = {
  seq: { column: 'seq', kind: 'seq' },
  id: { column: 'id', kind: 'uuid' },
  recordedAt: { column: 'recorded_at', kind: 'timestamp' },
  requestId: { column: 'request_id', kind: 'text' },
  operatorId: { column: 'operator_id', kind: 'text' },
  /** `jti` of the operator token used. */
  tokenJti: { column: 'token_jti', kind: 'text' },
  consentId: { column: 'consent_id', kind: 'text' },
  subjectRef: { column: 'subject_ref', kind: 'text' },
  purpose: { column: 'purpose', kind: 'text' },
  releasedFields: { column: 'released_fields', kind: 'strings' },
  releasedScopes: { column: 'released_scopes', kind: 'strings' },
  upstreamCalls: { column: 'upstream_calls', kind: 'records', keys: everyKey<UpstreamCallRecord>()(['provider', 'route', 'status', 'outcome', 'durationMs']) },
  deniedFields: { column: 'denied_fields', kind: 'records', keys: everyKey<DeniedField>()(['path', 'code', 'scope']) },
  /** `franceconnect` in FranceConnect mode; absent for a hub consent (and in entries written before). */
  consentKind: { column: 'consent_kind', kind: 'optional' },
  /** SHA-256 of the FranceConnect access token's `jti` (FranceConnect mode). */
  franceConnectJti: { column: 'franceconnect_jti', kind: 'optional' },
  prevHash: { column: 'prev_hash', kind: 'hash' },
  hash: { column: 'hash', kind: 'hash' },
} as const satisfies { [K in keyof JournalEntry]-?: FieldSpec<Pick<JournalEntry, K>[K]> };

export type JournalEntryFields = typeof JOURNAL_ENTRY_FIELDS;
export type JournalFieldName = keyof JournalEntryFields;
export type FieldKind = JournalEntryFields[JournalFieldName]['kind'];

/** The kinds a value of type T may be declared with. */
type FieldSpec<T> = { column: string } & (
  undefined extends T ? ([Exclude<T, undefined>] extends [string] ? { kind: 'optional' } : never)
  : [T] extends [number] ? { kind: 'seq' }
  : [T] extends [Date] ? { kind: 'timestamp' }
  : [T] extends [string] ? { kind: 'uuid' | 'text' | 'hash' }
  : [T] extends [readonly string[]] ? { kind: 'strings' }
  : [T] extends [readonly (infer I)[]] ? { kind: 'records'; keys: readonly (keyof I & string)[] }
  : never
);

/** `keys` typed as T's keys, and refused unless it lists every one of them. */
function everyKey<T>() {
  return <const K extends readonly (keyof T & string)[]>(keys: [Exclude<keyof T, K[number]>] extends [never] ? K : never): K => keys;
}

/** Kinds the caller supplies (`JournalEntryInput`); the others are set by the writer. */
export const CALLER_KINDS = ['text', 'optional', 'strings', 'records'] as const;
type CallerKind = (typeof CALLER_KINDS)[number];

/** Fields of a kind. */
type FieldsOfKind<Kind extends FieldKind> = { [F in JournalFieldName]: JournalEntryFields[F]['kind'] extends Kind ? F : never }[JournalFieldName];

export type CallerFieldName = FieldsOfKind<CallerKind>;
export type HashedFieldName = Exclude<JournalFieldName, FieldsOfKind<'hash'>>;

// The caller's kinds are exactly JournalEntryInput's fields: both directions, or this fails to compile.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const callerFieldsAreTheInput: Same<CallerFieldName, keyof JournalEntryInput> = true;
void callerFieldsAreTheInput;

/** One declared field with its name (what the derived code iterates). */
export type DeclaredField = { [F in JournalFieldName]: { name: F } & JournalEntryFields[F] }[JournalFieldName];

/** All fields, in declaration order. */
export const DECLARED_FIELDS: readonly DeclaredField[] = (Object.keys(JOURNAL_ENTRY_FIELDS) as JournalFieldName[])
  .map((name) => ({ name, ...JOURNAL_ENTRY_FIELDS[name] }) as DeclaredField);

/** The caller's fields (`JournalEntryInput`), in declaration order. */
export const CALLER_FIELDS = DECLARED_FIELDS.filter(
  (f): f is Extract<DeclaredField, { kind: CallerKind }> => (CALLER_KINDS as readonly string[]).includes(f.kind),
);

/** The fields the hash covers, sorted as the canonical encoding writes them (UTF-16 code units). */
export const HASHED_FIELDS_SORTED = DECLARED_FIELDS.filter(
  (f): f is Extract<DeclaredField, { name: HashedFieldName }> => f.kind !== 'hash',
).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

/** PostgreSQL type of each kind, as `json_to_recordset` reads the batch parameter. */
export const SQL_TYPE_OF_KIND: { readonly [K in FieldKind]: string } = {
  seq: 'bigint', uuid: 'uuid', timestamp: 'timestamptz', text: 'text', optional: 'text', strings: 'jsonb', records: 'jsonb', hash: 'text',
};
