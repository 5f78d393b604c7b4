import { createHash } from 'node:crypto';
import type { JournalEntry } from '@hub/core';

/** `prev_hash` of the first entry ever written (no checkpoint yet). */
export const GENESIS_HASH = '0'.repeat(64);

/** The part of an entry its hash covers: everything but `prevHash` (chained separately) and `hash`. */
export type HashedEntry = Omit<JournalEntry, 'prevHash' | 'hash'>;

/**
 * The canonical encoding an entry's hash covers, version 1:
 * - a JSON object with the entry's fields under their TypeScript names (`seq`, `id`, `recordedAt`,
 *   `requestId`, `operatorId`, `tokenJti`, `consentId`, `subjectRef`, `purpose`, `releasedFields`,
 *   `releasedScopes`, `upstreamCalls`, `deniedFields`), without `prevHash` and `hash`;
 * - object keys sorted by UTF-16 code units (`Array.prototype.sort`), at every depth; array order kept;
 * - no whitespace; strings and numbers as `JSON.stringify` writes them; `undefined` properties
 *   omitted (so a field added later as optional leaves older entries' encodings unchanged);
 * - `recordedAt` as an ISO 8601 UTC string with milliseconds (`Date.prototype.toISOString`).
 *
 * `hash = hex(SHA-256(UTF-8(prevHash + canonicalEntryEncoding(entry))))`.
 */
export function canonicalEntryEncoding(entry: HashedEntry): string {
  const { seq, id, recordedAt, requestId, operatorId, tokenJti, consentId, subjectRef, purpose,
    releasedFields, releasedScopes, upstreamCalls, deniedFields } = entry;
  return canonicalJson({
    seq, id, recordedAt: recordedAt.toISOString(), requestId, operatorId, tokenJti, consentId, subjectRef, purpose,
    releasedFields, releasedScopes, upstreamCalls, deniedFields,
  });
}

/** The chain step: SHA-256 over the previous hash followed by the canonical encoding, hex. */
export function entryHash(prevHash: string, entry: HashedEntry): string {
  return createHash('sha256').update(prevHash).update(canonicalEntryEncoding(entry)).digest('hex');
}

/** JSON with sorted object keys and no whitespace (same value rules as JSON.stringify). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of Object.keys(obj).sort()) {
    const v = obj[key];
    if (v === undefined || typeof v === 'function') continue;
    parts.push(`${JSON.stringify(key)}:${canonicalJson(v)}`);
  }
  return `{${parts.join(',')}}`;
}
