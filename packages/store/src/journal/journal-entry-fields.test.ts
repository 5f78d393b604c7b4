import { describe, it } from '@jest/globals';
import { expect } from '../../../../test/support/expect.js';
import type { JournalEntry, JournalEntryInput } from '@hub/core';
import { canonicalEntryEncoding, canonicalEntryEncodingReference, fastEntryEncoding } from './canonical-entry-encoding.js';
import { CALLER_FIELDS, DECLARED_FIELDS, JOURNAL_ENTRY_FIELDS, type DeclaredField } from './journal-entry-fields.js';
import { insertFromJsonSql, rowToEntry, type JournalRow } from './journal-row.js';
import { fastNormalize, normalizeEntryInput, normalizeEntryInputReference } from './normalize-entry-input.js';

/*
 * Everything derived from JOURNAL_ENTRY_FIELDS handles every field it declares: a sample entry is
 * built from the declaration alone (a new kind fails to compile in `sampleOf`), and each consumer
 * must carry each field through. With the compile-time checks of journal-entry-fields.ts (every
 * field of JournalEntry declared, with a kind its type can hold; the caller's kinds exactly
 * JournalEntryInput), a field cannot be added to one place and missed in another.
 */

const RECORD_SAMPLES: Record<string, unknown> = {
  provider: 'CNAV', route: '/r', status: 200, outcome: 'ok', durationMs: 3, path: 'Person.x', code: 'FORBIDDEN_SCOPE', scope: 's',
};

function sampleOf(f: DeclaredField): unknown {
  switch (f.kind) {
    case 'seq': return 42;
    case 'uuid': return '0b7f3f9e-6a59-4a8e-9d43-2f1c2b0a9e10';
    case 'timestamp': return new Date('2026-11-26T10:00:00.123Z');
    case 'text': return `${f.name} « value »`;
    case 'optional': return `${f.name} optional`;
    case 'strings': return [`${f.name}.a`, `${f.name}.b`];
    case 'records': return [Object.fromEntries(f.keys.map((k) => {
      if (!(k in RECORD_SAMPLES)) throw new Error(`no sample for ${f.name}.${k}: add one`);
      return [k, RECORD_SAMPLES[k]];
    }))];
    case 'hash': return f.name === 'hash' ? 'b'.repeat(64) : 'a'.repeat(64);
    default: {
      const unhandled: never = f;
      throw new Error(`kind not handled: ${JSON.stringify(unhandled)}`);
    }
  }
}

const entry = Object.fromEntries(DECLARED_FIELDS.map((f) => [f.name, sampleOf(f)])) as JournalEntry;
const input = Object.fromEntries(CALLER_FIELDS.map((f) => [f.name, sampleOf(f)])) as JournalEntryInput;

describe('JOURNAL_ENTRY_FIELDS', () => {
  it('declares every field of a journal entry once, with its own column', () => {
    const columns = DECLARED_FIELDS.map((f) => f.column);
    expect(new Set(columns).size).toBe(columns.length);
    expect(Object.keys(JOURNAL_ENTRY_FIELDS)).toEqual(DECLARED_FIELDS.map((f) => f.name));
  });

  it('the normaliser and its reference keep every caller field, in declaration order', () => {
    const keys = CALLER_FIELDS.map((f) => f.name);
    expect(fastNormalize(input)).toBeDefined(); // the specialised path knows every field
    for (const normalized of [normalizeEntryInput(input), normalizeEntryInputReference(input)]) {
      expect(Object.keys(normalized)).toEqual(keys);
      expect(normalized).toEqual(input);
    }
  });

  it('the encoder and its reference cover every hashed field (all but prevHash and hash), sorted', () => {
    const hashed = DECLARED_FIELDS.filter((f) => f.kind !== 'hash').map((f) => f.name);
    const reference = canonicalEntryEncodingReference(entry);
    expect(fastEntryEncoding(entry, entry.recordedAt.toISOString())).toBe(reference); // not a fallback
    expect(canonicalEntryEncoding(entry)).toBe(reference);
    expect(Object.keys(JSON.parse(reference) as object)).toEqual([...hashed].sort());
    // Every hashed field changes the encoding.
    for (const name of hashed) {
      const other = { ...entry, [name]: name === 'recordedAt' ? new Date(0) : name === 'seq' ? 7 : 'changed' };
      expect(canonicalEntryEncoding(other), name).not.toBe(reference);
    }
  });

  it('the INSERT writes every column from the key of the same field, and rows map back to every field', () => {
    const sql = insertFromJsonSql('$1');
    const row = Object.fromEntries(DECLARED_FIELDS.map((f) => [f.column, f.kind === 'seq' ? String(sampleOf(f)) : sampleOf(f)])) as JournalRow;
    for (const f of DECLARED_FIELDS) {
      expect(sql).toMatch(new RegExp(`\\(.*\\b${f.column}\\b.*\\) select`));
      expect(sql).toContain(`r."${f.name}"`);
    }
    expect(rowToEntry(row)).toEqual(entry);
  });

  it('an absent optional field is no key anywhere: normalised, encoded, or read back from its NULL column', () => {
    const optional = DECLARED_FIELDS.filter((f) => f.kind === 'optional').map((f) => f.name);
    expect(optional.length).toBeGreaterThan(0);
    const without = Object.fromEntries(CALLER_FIELDS.filter((f) => f.kind !== 'optional').map((f) => [f.name, sampleOf(f)])) as JournalEntryInput;
    for (const normalized of [normalizeEntryInput(without), normalizeEntryInputReference(without)]) {
      for (const name of optional) expect(Object.hasOwn(normalized, name)).toBe(false);
    }
    const entryWithout = Object.fromEntries(Object.entries(entry).filter(([k]) => !optional.includes(k as never))) as JournalEntry;
    const encoding = canonicalEntryEncodingReference(entryWithout);
    expect(fastEntryEncoding(entryWithout, entry.recordedAt.toISOString())).toBe(encoding);
    for (const name of optional) expect(encoding).not.toContain(`"${name}"`);
    const row = Object.fromEntries(DECLARED_FIELDS.map((f) => [f.column, f.kind === 'optional' ? null : f.kind === 'seq' ? String(sampleOf(f)) : sampleOf(f)])) as JournalRow;
    expect(rowToEntry(row)).toStrictEqual(entryWithout);
    // One present and one absent, on both paths.
    const some = { ...without, [optional[0]!]: 'franceconnect' } as JournalEntryInput;
    expect(fastNormalize(some)).toStrictEqual(normalizeEntryInputReference(some));
    // Present but empty or not a string: refused, naming the field.
    expect(() => normalizeEntryInput({ ...without, [optional[0]!]: '' } as JournalEntryInput)).toThrow(optional[0]!);
  });
});
