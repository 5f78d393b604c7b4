import { hash } from 'node:crypto';
import type { JournalEntry } from '@hub/core';
import { HASHED_FIELDS_SORTED, type HashedFieldName } from './journal-entry-fields.js';

/** `prev_hash` of the first entry ever written (no checkpoint yet). */
export const GENESIS_HASH = '0'.repeat(64);

/** The part of an entry its hash covers: everything but `prevHash` (chained separately) and `hash`
 * (the fields not of kind `hash` in JOURNAL_ENTRY_FIELDS). */
export type HashedEntry = Pick<JournalEntry, HashedFieldName>;

/**
 * The canonical encoding an entry's hash covers, version 1:
 * - a JSON object with the entry's hashed fields (JOURNAL_ENTRY_FIELDS: all but `prevHash` and
 *   `hash`) under their TypeScript names — in version 1 `seq`, `id`, `recordedAt`, `requestId`,
 *   `operatorId`, `tokenJti`, `consentId`, `subjectRef`, `purpose`, `releasedFields`,
 *   `releasedScopes`, `upstreamCalls`, `deniedFields` (journal-hash-format.test.ts pins them);
 * - object keys sorted by UTF-16 code units (`Array.prototype.sort`), at every depth; array order kept;
 * - no whitespace; strings and numbers as `JSON.stringify` writes them; `undefined` properties
 *   omitted (so a field added later as optional leaves older entries' encodings unchanged);
 * - `recordedAt` as an ISO 8601 UTC string with milliseconds (`Date.prototype.toISOString`).
 *
 * `hash = hex(SHA-256(UTF-8(prevHash + canonicalEntryEncoding(entry))))`.
 *
 * This is a persisted format: the definition is `canonicalEntryEncodingReference` (generic
 * `canonicalJson`); this function is a specialised encoder for the entry's known shape that
 * returns the same string, and falls back to the reference for any value it does not know.
 */
export function canonicalEntryEncoding(entry: HashedEntry): string {
  const recordedAt = entry.recordedAt as unknown;
  const iso = recordedAt instanceof Date ? recordedAt.toISOString() : undefined;
  return (iso !== undefined ? fastEntryEncoding(entry, iso) : undefined) ?? canonicalEntryEncodingReference(entry);
}

/** The reference definition of the encoding (generic, slow): what `canonicalEntryEncoding` must equal. */
export function canonicalEntryEncodingReference(entry: HashedEntry): string {
  const hashed: Record<string, unknown> = {};
  for (const { name, kind } of HASHED_FIELDS_SORTED) {
    const value = entry[name];
    // An absent optional field stays undefined: canonicalJson omits it, key included.
    hashed[name] = kind === 'timestamp' ? (value as Date).toISOString() : value;
  }
  return canonicalJson(hashed);
}

/** The chain step: SHA-256 over the previous hash followed by the canonical encoding, hex. */
export function entryHash(prevHash: string, entry: HashedEntry): string {
  return chainHash(prevHash, canonicalEntryEncoding(entry));
}

/** @internal SHA-256 (hex) of UTF-8(prevHash + encoding): `entryHash` once the encoding is known. */
export function chainHash(prevHash: string, encoding: string): string {
  return hash('sha256', prevHash + encoding, 'hex');
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

// ---------------------------------------------------------------------------------------------
// The specialised encoder. Each helper returns `undefined` for a value outside the shape it
// knows, and the whole entry then goes through the reference encoder: it never guesses.

/** Characters JSON.stringify escapes in a string (quote, backslash, controls) and any surrogate
 * (a lone one is escaped; a pair is not, but strings with pairs simply take JSON.stringify). */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** JSON.stringify(s), without its call overhead for the usual string that needs no escape. */
export function jsonString(s: string): string {
  return NEEDS_ESCAPE.test(s) ? JSON.stringify(s) : `"${s}"`;
}

/** The specialised encoder of each hashed field, with the text written before its value (`,` and
 * its key; the first written field's comma becomes the `{`), in the encoding's key order: built
 * once from the declaration. */
const FAST_FIELDS = HASHED_FIELDS_SORTED.map((f) => ({
  name: f.name,
  prefix: `,${JSON.stringify(f.name)}:`,
  encode: fastEncoderOf(f),
}));

/** An `optional` field the entry does not have: nothing is written (its key neither). */
const ABSENT = null;

/** Encodes one field's value (`recordedAtIso` for the timestamp); ABSENT for an absent optional
 * field; undefined: the reference decides. */
type FastEncoder = (value: unknown, recordedAtIso: string) => string | typeof ABSENT | undefined;

function fastEncoderOf(f: (typeof HASHED_FIELDS_SORTED)[number]): FastEncoder {
  switch (f.kind) {
    case 'optional': return (v) => (v === undefined ? ABSENT : typeof v === 'string' ? jsonString(v) : undefined);
    case 'seq': return (v) => (typeof v === 'number' && Number.isFinite(v) ? String(v) : undefined);
    case 'timestamp': return (_v, iso) => (typeof iso === 'string' ? jsonString(iso) : undefined);
    case 'uuid': case 'text': return (v) => (typeof v === 'string' ? jsonString(v) : undefined);
    case 'strings': return stringArray;
    case 'records': {
      const sortedKeys = [...f.keys].sort();
      const prefixes = sortedKeys.map((k) => `${JSON.stringify(k)}:`);
      const item = (o: object) => knownObject(o, sortedKeys, prefixes);
      return (v) => objectArray(v, item);
    }
  }
}

/** @internal The encoding with `recordedAt` already in ISO form (`recordedAt.toISOString()`). */
export function fastEntryEncoding(e: HashedEntry, recordedAtIso: string): string | undefined {
  let out = '';
  for (let i = 0; i < FAST_FIELDS.length; i++) {
    const f = FAST_FIELDS[i]!;
    const encoded = f.encode(e[f.name], recordedAtIso);
    if (encoded === undefined) return undefined;
    if (encoded === ABSENT) continue;
    out += f.prefix + encoded;
  }
  return `{${out.slice(1)}}`;
}

function stringArray(a: unknown): string | undefined {
  if (!Array.isArray(a)) return undefined;
  let out = '[';
  for (let i = 0; i < a.length; i++) {
    const s: unknown = a[i];
    if (typeof s !== 'string') return undefined; // holes, undefined, numbers...: the reference decides
    out += i === 0 ? jsonString(s) : `,${jsonString(s)}`;
  }
  return `${out}]`;
}

function objectArray(a: unknown, encodeItem: (o: object) => string | undefined): string | undefined {
  if (!Array.isArray(a)) return undefined;
  let out = '[';
  for (let i = 0; i < a.length; i++) {
    const item: unknown = a[i];
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return undefined;
    const encoded = encodeItem(item);
    if (encoded === undefined) return undefined;
    out += i === 0 ? encoded : `,${encoded}`;
  }
  return `${out}]`;
}

/** A primitive JSON value as canonicalJson writes it; undefined for anything else. */
function primitive(v: unknown): string | undefined {
  switch (typeof v) {
    case 'string': return jsonString(v);
    case 'number': return Number.isFinite(v) ? String(v) : 'null';
    case 'boolean': return v ? 'true' : 'false';
    case 'object': return v === null ? 'null' : undefined;
    default: return undefined;
  }
}

/**
 * An object whose own enumerable keys are all in `sortedKeys` (sorted, none integer-like), with
 * primitive values: keys in sorted order, `undefined` values omitted — as canonicalJson does.
 * Reads exactly what canonicalJson reads (Object.keys, then the value of each of those keys).
 */
function knownObject(o: object, sortedKeys: readonly string[], prefixes: readonly string[]): string | undefined {
  const keys = Object.keys(o);
  if (keys.length > sortedKeys.length) return undefined;
  let present = 0;
  for (const k of keys) {
    const bit = sortedKeys.indexOf(k);
    if (bit < 0) return undefined;
    present |= 1 << bit;
  }
  let out = '{';
  let first = true;
  for (let bit = 0; bit < sortedKeys.length; bit++) {
    if ((present & (1 << bit)) === 0) continue;
    const v: unknown = (o as Record<string, unknown>)[sortedKeys[bit]!];
    if (v === undefined) continue;
    const encoded = primitive(v);
    if (encoded === undefined) return undefined; // nested value, function...: the reference decides
    out += first ? prefixes[bit]! + encoded : `,${prefixes[bit]!}${encoded}`;
    first = false;
  }
  return `${out}}`;
}
