import type { JournalEntryInput } from '@hub/core';
import { CALLER_FIELDS } from './journal-entry-fields.js';

/**
 * Checks one caller's entry before it joins a batch, and returns the value that will be both
 * hashed and stored. Rejecting here matters for group commit: a value PostgreSQL refuses (NUL,
 * lone surrogate) or alters (NaN) would otherwise fail, or silently break the hash of, the whole
 * batch of other callers. Messages name fields, never values (they may be personal).
 *
 * The definition is `normalizeEntryInputReference` (generic checks, then a JSON round trip: exactly
 * what jsonb hands back). This function first tries a copy specialised for the entry's known
 * shape (arrays of strings, flat objects of known keys with primitive values), which returns the
 * same value; anything else — including anything invalid — goes through the reference, so the
 * errors and the result are the reference's.
 */
export function normalizeEntryInput(input: JournalEntryInput): JournalEntryInput {
  return fastNormalize(input) ?? normalizeEntryInputReference(input);
}

/** The reference: generic validation and a JSON round trip of the jsonb fields. */
export function normalizeEntryInputReference(input: JournalEntryInput): JournalEntryInput {
  if (input === null || typeof input !== 'object') throw new TypeError('journal entry: not an object');
  // Text fields first, then the jsonb ones: the first refused field names the error.
  for (const { name: f, kind } of CALLER_FIELDS) {
    if (kind !== 'text' && kind !== 'optional') continue;
    const v: unknown = input[f];
    if (kind === 'optional' && v === undefined) continue;
    if (typeof v !== 'string' || v.length === 0) throw new TypeError(`journal entry: ${f} must be a non-empty string${kind === 'optional' ? ' when present' : ''}`);
    assertStorableString(v, f);
  }
  for (const { name: f, kind } of CALLER_FIELDS) {
    if (kind === 'text' || kind === 'optional') continue;
    if (!Array.isArray(input[f])) throw new TypeError(`journal entry: ${f} must be an array`);
    assertStorableJson(input[f], f);
  }
  // A JSON round trip gives exactly what jsonb will hand back (undefined dropped, -0 as 0).
  const normalized: Record<string, unknown> = {};
  for (const { name: f, kind } of CALLER_FIELDS) {
    if (kind === 'optional') {
      if (input[f] !== undefined) normalized[f] = input[f]; // absent stays absent (no key)
      continue;
    }
    normalized[f] = kind === 'text' ? input[f] : JSON.parse(JSON.stringify(input[f])) as unknown;
  }
  return normalized as JournalEntryInput;
}

// PostgreSQL text and jsonb refuse NUL; a lone surrogate would be re-encoded as U+FFFD by the driver.
const UNSTORABLE = /[\u0000]|\p{Cs}/u;

function assertStorableString(v: string, path: string): void {
  if (UNSTORABLE.test(v)) throw new TypeError(`journal entry: ${path} contains a NUL or a lone surrogate`);
}

function assertStorableJson(v: unknown, path: string): void {
  if (typeof v === 'string') return assertStorableString(v, path);
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new TypeError(`journal entry: ${path} is not a finite number`);
    return;
  }
  if (v === null || typeof v === 'boolean' || v === undefined) return;
  if (Array.isArray(v)) {
    v.forEach((item, i) => assertStorableJson(item, `${path}[${i}]`));
    return;
  }
  if (typeof v === 'object') {
    for (const [k, item] of Object.entries(v)) {
      assertStorableString(k, path);
      assertStorableJson(item, `${path}.${k}`);
    }
    return;
  }
  throw new TypeError(`journal entry: ${path} holds a ${typeof v}`);
}

// ---------------------------------------------------------------------------------------------
// The specialised copy. Every helper returns `undefined` as soon as a value is outside the shape
// it knows or would be refused; the reference then decides (and throws its own message).

// String.prototype.isWellFormed (Node 20; typed from lib ES2024, newer than this project's ES2023).
const isWellFormed = (String.prototype as { isWellFormed?: (this: string) => boolean }).isWellFormed;

/** Same answer as `!UNSTORABLE.test(s)`: no NUL, no lone surrogate (a one-byte string is O(1)). */
export function isStorableString(s: string): boolean {
  if (s.includes('\u0000')) return false;
  return isWellFormed ? isWellFormed.call(s) : !UNSTORABLE.test(s);
}

function storableText(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0 && isStorableString(v);
}

const EMPTY: ReadonlySet<string> = new Set();

/** The caller's fields as the specialised copy walks them (a record's known keys as a set). */
const FAST_FIELDS = CALLER_FIELDS.map((f) => ({
  name: f.name,
  kind: f.kind,
  known: f.kind === 'records' ? new Set<string>(f.keys) as ReadonlySet<string> : EMPTY,
}));

/** An optional field the caller did not give: the normalised entry has no such key (as the reference). */
const ABSENT: unique symbol = Symbol('absent');

/** Indexes (in CALLER_FIELDS) of the `optional` fields. */
const OPTIONAL_INDEXES = CALLER_FIELDS.flatMap((f, i) => (f.kind === 'optional' ? [i] : []));

/**
 * Builds the normalised entry from its fields' copies, in declaration order (the reference's key
 * order), as ONE object literal: generated once from the declaration (the names are the table's
 * own identifiers, nothing else is interpolated), because filling an empty object key by key
 * costs about a third more than the whole specialised copy.
 *
 * One literal builder per set of optional fields present (bit j: the j-th optional field), so an
 * absent field is never a key, without deleting from (and deoptimising) the built object.
 */
const BUILDERS = Array.from({ length: 1 << OPTIONAL_INDEXES.length }, (_, mask) => new Function('v', `return {${CALLER_FIELDS
  .flatMap((f, i) => {
    const j = OPTIONAL_INDEXES.indexOf(i);
    return j >= 0 && (mask & (1 << j)) === 0 ? [] : [`${JSON.stringify(f.name)}: v[${i}]`];
  })
  .join(',')}};`) as (v: unknown[]) => unknown);

function BUILD(v: unknown[]): unknown {
  let mask = 0;
  for (let j = 0; j < OPTIONAL_INDEXES.length; j++) if (v[OPTIONAL_INDEXES[j]!] !== ABSENT) mask |= 1 << j;
  return BUILDERS[mask]!(v);
}

/** @internal The specialised copy alone (undefined: outside its shape, the reference decides).
 * The order of its checks does not matter: any refusal hands the input to the reference. */
export function fastNormalize(input: JournalEntryInput): JournalEntryInput | undefined {
  if (input === null || typeof input !== 'object') return undefined;
  const copies = new Array<unknown>(FAST_FIELDS.length);
  for (let i = 0; i < FAST_FIELDS.length; i++) {
    const f = FAST_FIELDS[i]!;
    const v: unknown = input[f.name];
    let copy: unknown;
    switch (f.kind) {
      case 'text': copy = storableText(v) ? v : undefined; break;
      case 'optional':
        if (v === undefined) {
          copies[i] = ABSENT;
          continue;
        }
        copy = storableText(v) ? v : undefined;
        break;
      case 'strings': copy = copyStrings(v); break;
      case 'records': copy = copyObjects(v, f.known); break;
    }
    if (copy === undefined) return undefined;
    copies[i] = copy;
  }
  return BUILD(copies) as JournalEntryInput;
}

/** An array JSON.stringify serialises element by element (no `toJSON` anywhere on its chain). */
function plainArray(a: unknown): a is unknown[] {
  return Array.isArray(a) && !('toJSON' in a);
}

/** An object JSON.stringify serialises key by key: not boxed (new Number(3) is 3), no `toJSON`. */
function plainObject(o: unknown): o is Record<string, unknown> {
  if (typeof o !== 'object' || o === null) return false;
  const proto: unknown = Object.getPrototypeOf(o);
  return (proto === Object.prototype || proto === null) && !('toJSON' in o);
}

function copyStrings(a: unknown): string[] | undefined {
  if (!plainArray(a)) return undefined;
  const out: string[] = new Array<string>(a.length);
  for (let i = 0; i < a.length; i++) {
    const s = a[i];
    if (typeof s !== 'string' || !isStorableString(s)) return undefined; // holes too
    out[i] = s;
  }
  return out;
}

/**
 * Copies of flat objects whose own enumerable keys are all known (none integer-like, so JSON
 * keeps their order) and whose values are storable primitives: what the JSON round trip returns —
 * same keys in the same order, `undefined` values dropped, -0 as 0.
 */
function copyObjects(a: unknown, known: ReadonlySet<string>): Record<string, unknown>[] | undefined {
  if (!plainArray(a)) return undefined;
  const out = new Array<Record<string, unknown>>(a.length);
  for (let i = 0; i < a.length; i++) {
    const o: unknown = a[i];
    if (!plainObject(o)) return undefined;
    const copy: Record<string, unknown> = {};
    for (const k of Object.keys(o)) {
      if (!known.has(k)) return undefined;
      const v: unknown = o[k];
      switch (typeof v) {
        case 'string':
          if (!isStorableString(v)) return undefined;
          copy[k] = v;
          break;
        case 'number':
          if (!Number.isFinite(v)) return undefined;
          copy[k] = v === 0 ? 0 : v; // -0 → 0
          break;
        case 'boolean':
          copy[k] = v;
          break;
        case 'undefined':
          break; // JSON drops it
        default:
          if (v !== null) return undefined; // nested value, function, bigint...
          copy[k] = null;
      }
    }
    out[i] = copy;
  }
  return out;
}
