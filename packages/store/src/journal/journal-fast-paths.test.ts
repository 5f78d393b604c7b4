import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import type { JournalEntryInput } from '@hub/core';
import {
  canonicalEntryEncoding, canonicalEntryEncodingReference, entryHash, fastEntryEncoding, jsonString, type HashedEntry,
} from './canonical-entry-encoding.js';
import { fastNormalize, isStorableString, normalizeEntryInput, normalizeEntryInputReference } from './normalize-entry-input.js';

/*
 * The specialised encoder and normaliser against their references (the persisted format and the
 * validation rules), on many seeded random entries: typed shapes with any string, and entries
 * with anything the types forbid. Each must give the same bytes / value / error as its reference.
 */

// ---- generators ------------------------------------------------------------------------------

/** mulberry32: small, seeded, good enough to explore shapes reproducibly. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;

function pick<T>(r: Random, items: readonly T[]): T {
  return items[Math.floor(r() * items.length)]!;
}

function chance(r: Random, p: number): boolean {
  return r() < p;
}

const PIECES = [
  '', 'a', 'person.identity.birthName', 'person.family.familyQuotient.value', 'identite_pivot', 'Cantine « été »',
  'émoji 🎓', '"quoted"', 'back\\slash', 'line\nbreak', 'tab\t', 'cr\r', '\b\f', '\u0000', '\u0001', '\u001f', '\u007f',
  '\u0080', '\u00ff', '\u2028\u2029', 'lone \ud800', '\udfff', '\ud83c', '\udf93\ud83c', 'pair \ud83c\udf93', '\uffff', '\ufeff',
  '</script>', '日本語', '0b7f3f9e-6a59-4a8e-9d43-2f1c2b0a9e10', ' ', '{}', '[]', ':', ',', "'",
];

/** Strings that exercise JSON escaping and storability: pieces, and random UTF-16 code units. */
function randomString(r: Random): string {
  const n = Math.floor(r() * 4);
  let s = '';
  for (let i = 0; i < n; i++) {
    if (chance(r, 0.25)) {
      // Any code unit, surrogates and controls included, weighted towards the interesting ranges.
      const range = pick(r, [[0, 0x20], [0x20, 0x7f], [0x7f, 0x800], [0xd800, 0xe000], [0xe000, 0x10000]] as const);
      s += String.fromCharCode(range[0] + Math.floor(r() * (range[1] - range[0])));
    } else {
      s += pick(r, PIECES);
    }
  }
  return s;
}

const NUMBERS = [0, -0, 1, -1, 12, 12.5, 3.25, 0.1 + 0.2, 1e21, 1e-7, -1e-7, 2 ** 53 + 2, Number.MAX_VALUE, Number.MIN_VALUE, NaN, Infinity, -Infinity, 200, 404, 502];

function randomPrimitive(r: Random): unknown {
  switch (Math.floor(r() * 6)) {
    case 0: return randomString(r);
    case 1: return pick(r, NUMBERS);
    case 2: return null;
    case 3: return chance(r, 0.5);
    case 4: return undefined;
    default: return pick(r, NUMBERS) as number * Math.floor(r() * 1000);
  }
}

/** Anything: primitives, arrays (holes too), objects with odd keys, dates, functions, bigints... */
function randomValue(r: Random, depth = 0): unknown {
  const k = Math.floor(r() * (depth > 2 ? 3 : 12));
  switch (k) {
    case 0: case 1: case 2: return randomPrimitive(r);
    case 3: return Array.from({ length: Math.floor(r() * 4) }, () => randomValue(r, depth + 1));
    case 4: {
      const o: Record<string, unknown> = {};
      for (let i = Math.floor(r() * 4); i > 0; i--) o[pick(r, ['a', 'b', 'Z', '10', '2', '_', 'é', '', 'scope', 'code', 'provider', '__proto__x'])] = randomValue(r, depth + 1);
      return o;
    }
    case 5: return new Date(Math.floor(r() * 2e12));
    case 6: { const a: unknown[] = ['x']; a[3] = 'y'; return a; } // sparse
    case 7: return chance(r, 0.5) ? () => 1 : Symbol('s');
    case 8: return chance(r, 0.5) ? 10n : new Number(3);
    case 9: return Object.create({ inherited: 1 }, { own: { value: 'v', enumerable: true } });
    case 10: return { toJSON: () => 'custom' };
    default: return new Map([['k', 'v']]);
  }
}

function shuffled<T>(r: Random, items: T[]): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

/** An object built from [key, value] pairs in a random order. */
function objectOf(r: Random, pairs: [string, unknown][]): Record<string, unknown> {
  return Object.fromEntries(shuffled(r, pairs));
}

/** `odd` is the probability of a perturbation (missing key, extra key, odd value, non-object). */
function randomUpstreamCall(r: Random, odd: number): unknown {
  if (chance(r, odd / 4)) return randomValue(r, 1);
  const pairs: [string, unknown][] = [
    ['provider', pick(r, ['CNAV', 'DGFIP', 'ANTS', 'FranceTravail'])],
    ['route', chance(r, 0.8) ? pick(r, ['/v3/dss/quotient_familial/identite', '/r', '/v2/x']) : randomString(r)],
    ['status', pick(r, [200, 404, 500, null])],
    ['outcome', pick(r, ['ok', 'timeout', 'error', 'not_found'])],
    ['durationMs', chance(r, 0.8) ? Math.floor(r() * 5000) / 4 : pick(r, NUMBERS)],
  ];
  if (chance(r, odd)) pairs.splice(Math.floor(r() * pairs.length), 1);
  if (chance(r, odd)) pairs[Math.floor(r() * pairs.length)]![1] = randomValue(r, 1);
  if (chance(r, odd)) pairs.push([pick(r, ['extra', 'nested', '0', 'Provider', 'toJSON']), randomValue(r, 1)]);
  if (chance(r, odd / 2)) pairs.push(['durationMs2', undefined]);
  return objectOf(r, pairs);
}

function randomDeniedField(r: Random, odd: number): unknown {
  if (chance(r, odd / 4)) return randomValue(r, 1);
  const pairs: [string, unknown][] = [
    ['path', chance(r, 0.7) ? pick(r, ['person.revenue', 'p.x', 'person.identity.birthPlace']) : randomString(r)],
    ['code', pick(r, ['FORBIDDEN_SCOPE', 'CONSENT_SCOPE_MISSING', 'UPSTREAM_UNAVAILABLE'])],
  ];
  const scope = Math.floor(r() * 3);
  if (scope === 1) pairs.push(['scope', pick(r, ['dgfip_revenu_fiscal_reference', 'cnaf_quotient_familial'])]);
  if (scope === 2) pairs.push(['scope', undefined]);
  if (chance(r, odd)) pairs[Math.floor(r() * pairs.length)]![1] = randomValue(r, 1);
  if (chance(r, odd)) pairs.push([pick(r, ['extra', 'a', '1', 'Scope']), randomValue(r, 1)]);
  return objectOf(r, pairs);
}

function randomStringArray(r: Random, odd: number): unknown {
  if (chance(r, odd / 4)) return randomValue(r, 1);
  const a: unknown[] = Array.from({ length: Math.floor(r() * 5) }, () =>
    (chance(r, 0.7) ? pick(r, ['person.identity.birthName', 'person.family.familyQuotient.value', 'identite_pivot', 'cnaf_quotient_familial']) : randomString(r)));
  if (chance(r, odd)) a[Math.floor(r() * (a.length + 1))] = randomValue(r, 1);
  if (chance(r, odd / 2)) a[a.length + 1] = 'after a hole';
  return a;
}

/**
 * A journal entry input; with `odd = 0` it has the shape of the types (strings may still hold any
 * code unit), with `odd > 0` anything the types forbid may appear somewhere.
 */
function randomEntryInput(r: Random, odd: number): Record<string, unknown> {
  const text = (): unknown => (chance(r, odd / 3) ? randomValue(r, 1) : chance(r, 0.6) ? pick(r, ['op-1', 'req-1', 'c-1', 'ref-1', 'Cantine « été »', '5f0c6a55-8c1e-4d7a-9a51-0e4b7c2d9f11']) : randomString(r));
  const pairs: [string, unknown][] = [
    ['requestId', text()], ['operatorId', text()], ['tokenJti', text()], ['consentId', text()], ['subjectRef', text()], ['purpose', text()],
    ['releasedFields', randomStringArray(r, odd)],
    ['releasedScopes', randomStringArray(r, odd)],
    ['upstreamCalls', chance(r, odd / 4) ? randomValue(r, 1) : Array.from({ length: Math.floor(r() * 3) }, () => randomUpstreamCall(r, odd))],
    ['deniedFields', chance(r, odd / 4) ? randomValue(r, 1) : Array.from({ length: Math.floor(r() * 3) }, () => randomDeniedField(r, odd))],
  ];
  if (chance(r, odd)) pairs.splice(Math.floor(r() * pairs.length), 1);
  if (chance(r, odd)) pairs.push([pick(r, ['extra', 'prevHash', 'hash', 'seq']), randomValue(r, 1)]);
  return objectOf(r, pairs);
}

/** A whole entry as the encoder sees it (input + seq, id, recordedAt), maybe with odd values. */
function randomEntry(r: Random, odd: number): Record<string, unknown> {
  const e = randomEntryInput(r, odd);
  e.seq = chance(r, odd / 3) ? randomValue(r, 1) : Math.floor(r() * 1e9) + 1;
  e.id = chance(r, odd / 3) ? randomValue(r, 1) : '0b7f3f9e-6a59-4a8e-9d43-2f1c2b0a9e10';
  e.recordedAt = chance(r, odd / 3)
    ? pick(r, [new Date(Number.NaN), { toISOString: () => '2026-01-01T00:00:00.000Z' }, new Date(-1e14), new Date(8.64e15)])
    : new Date(Math.floor(r() * 4e12));
  if (chance(r, 0.2)) { e.prevHash = 'x'; e.hash = 'y'; }
  return e;
}

/** The outcome of a call, comparable with toEqual: its value, or its error's type and message. */
function outcome(run: () => unknown): { value: unknown } | { error: string } {
  try {
    return { value: run() };
  } catch (error) {
    return { error: `${(error as Error).constructor.name}: ${(error as Error).message}` };
  }
}

// ---- the encoder -----------------------------------------------------------------------------

const UNSTORABLE = /[\u0000]|\p{Cs}/u; // the reference rule of normalize-entry-input.ts

describe('jsonString and isStorableString', () => {
  it('equal JSON.stringify and the reference regex for every UTF-16 code unit, alone and around others', () => {
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      for (const s of [ch, `a${ch}`, `${ch}z`, `\ud83c${ch}`, `${ch}\udf93`, `é${ch}é`]) {
        if (jsonString(s) !== JSON.stringify(s)) throw new Error(`jsonString differs for U+${c.toString(16)} in ${JSON.stringify(s)}`);
        if (isStorableString(s) !== !UNSTORABLE.test(s)) throw new Error(`isStorableString differs for U+${c.toString(16)}`);
      }
    }
  });

  it('equal them on random strings', () => {
    const r = seededRandom(7);
    for (let i = 0; i < 20_000; i++) {
      const s = randomString(r) + randomString(r);
      expect(jsonString(s)).toBe(JSON.stringify(s));
      expect(isStorableString(s)).toBe(!UNSTORABLE.test(s));
    }
  });
});

describe('canonicalEntryEncoding (specialised) = canonicalEntryEncodingReference', () => {
  it('on entries of the typed shape, through the specialised path', () => {
    const r = seededRandom(1);
    for (let i = 0; i < 5000; i++) {
      const e = randomEntry(r, 0) as unknown as HashedEntry;
      const reference = canonicalEntryEncodingReference(e);
      expect(fastEntryEncoding(e, e.recordedAt.toISOString())).toBe(reference);
      expect(canonicalEntryEncoding(e)).toBe(reference);
    }
  });

  it('on entries with anything the types forbid (fallback or not, same bytes or same error)', () => {
    let fast = 0;
    for (const seed of [2, 3, 4]) {
      const r = seededRandom(seed);
      for (let i = 0; i < 5000; i++) {
        const e = randomEntry(r, 0.15) as unknown as HashedEntry;
        const expected = outcome(() => canonicalEntryEncodingReference(e));
        expect(outcome(() => canonicalEntryEncoding(e))).toEqual(expected);
        if (e.recordedAt instanceof Date && !Number.isNaN(e.recordedAt.getTime())) {
          const specialised = fastEntryEncoding(e, e.recordedAt.toISOString());
          if (specialised !== undefined) {
            fast += 1;
            expect({ value: specialised }).toEqual(expected);
          }
        }
      }
    }
    expect(fast).toBeGreaterThan(1000); // both paths were exercised
  });

  it('handles the corners explicitly', () => {
    const base = randomEntry(seededRandom(5), 0) as unknown as HashedEntry;
    const calls = (upstreamCalls: unknown): HashedEntry => ({ ...base, upstreamCalls: upstreamCalls as HashedEntry['upstreamCalls'] });
    const denied = (deniedFields: unknown): HashedEntry => ({ ...base, deniedFields: deniedFields as HashedEntry['deniedFields'] });
    const cases: HashedEntry[] = [
      { ...base, releasedFields: [], releasedScopes: [], upstreamCalls: [], deniedFields: [] },
      denied([{ path: 'p', code: 'FORBIDDEN_SCOPE', scope: undefined }]),
      denied([{ scope: 's', code: 'FORBIDDEN_SCOPE', path: 'p' }]),
      denied([{ path: 'p', code: 'FORBIDDEN_SCOPE', extra: { b: 1, a: [2, { d: 3, c: 4 }] } }]),
      denied([[]]), denied([new Date(0)]), denied([null]), denied(['x']), denied([{}]),
      calls([{ durationMs: -0, status: null, outcome: 'ok', route: '/r', provider: 'CNAV' }]),
      calls([{ provider: 'CNAV', status: Number.NaN, durationMs: Infinity }]),
      calls([{ provider: 'CNAV', status: 200, durationMs: 1e21, fn: () => 1 }]),
      calls([{ provider: 'CNAV', route: () => 1 }]),
      calls([Object.create({ provider: 'inherited' }, { route: { value: '/own', enumerable: true } })]),
      { ...base, releasedFields: ['a', undefined, 'b'] as string[] },
      { ...base, releasedFields: [, 'a'] as string[] }, // eslint-disable-line no-sparse-arrays
      { ...base, seq: -0 }, { ...base, seq: Number.NaN }, { ...base, seq: 2 ** 53 + 2 },
      { ...base, purpose: 'nul\u0000 « é » 🎓 \ud800' },
      { ...base, consentId: undefined as unknown as string },
    ];
    for (const e of cases) expect(outcome(() => canonicalEntryEncoding(e))).toEqual(outcome(() => canonicalEntryEncodingReference(e)));
  });

  it('entryHash is SHA-256 over prevHash then the reference encoding', () => {
    const r = seededRandom(6);
    for (let i = 0; i < 500; i++) {
      const e = randomEntry(r, 0) as unknown as HashedEntry;
      const prev = createHash('sha256').update(String(i)).digest('hex');
      expect(entryHash(prev, e)).toBe(createHash('sha256').update(prev).update(canonicalEntryEncodingReference(e)).digest('hex'));
    }
  });
});

// ---- the normaliser --------------------------------------------------------------------------

/** Same value, same key order, -0 told from 0, same types (what the writer hashes and stores). */
function expectSameNormalized(actual: ReturnType<typeof outcome>, expected: ReturnType<typeof outcome>): void {
  expect(actual).toStrictEqual(expected);
  if ('value' in actual && 'value' in expected) expect(JSON.stringify(actual.value)).toBe(JSON.stringify(expected.value));
}

describe('normalizeEntryInput (specialised) = normalizeEntryInputReference', () => {
  it('on inputs of the typed shape, through the specialised path when they are storable', () => {
    const r = seededRandom(11);
    let fast = 0;
    for (let i = 0; i < 5000; i++) {
      const input = randomEntryInput(r, 0) as unknown as JournalEntryInput;
      const expected = outcome(() => normalizeEntryInputReference(input));
      expectSameNormalized(outcome(() => normalizeEntryInput(input)), expected);
      const specialised = fastNormalize(input);
      if ('value' in expected) {
        expect(specialised).toBeDefined();
        fast += 1;
      }
      if (specialised !== undefined) expectSameNormalized({ value: specialised }, expected);
    }
    expect(fast).toBeGreaterThan(500); // random strings are often unstorable (NUL, lone surrogates)
  });

  it('on inputs with anything the types forbid (same value, or the same TypeError)', () => {
    let refused = 0;
    for (const seed of [12, 13, 14]) {
      const r = seededRandom(seed);
      for (let i = 0; i < 5000; i++) {
        const input = randomEntryInput(r, 0.15) as unknown as JournalEntryInput;
        const expected = outcome(() => normalizeEntryInputReference(input));
        if ('error' in expected) refused += 1;
        expectSameNormalized(outcome(() => normalizeEntryInput(input)), expected);
        const specialised = fastNormalize(input);
        if (specialised !== undefined) expectSameNormalized({ value: specialised }, expected);
      }
    }
    expect(refused).toBeGreaterThan(1000);
  });

  it('refuses what PostgreSQL would refuse or alter, wherever it hides', () => {
    const base = randomEntryInput(seededRandom(15), 0) as unknown as JournalEntryInput;
    const good: JournalEntryInput = { ...base, purpose: 'ok', releasedFields: ['a'], upstreamCalls: [], deniedFields: [] };
    const bad: unknown[] = [
      { ...good, purpose: 'nul\u0000' }, { ...good, requestId: '' }, { ...good, subjectRef: 'lone \udc00' },
      { ...good, releasedFields: ['ok', 'lone \ud800'] }, { ...good, releasedScopes: ['\u0000'] },
      { ...good, upstreamCalls: [{ provider: 'CNAV', route: '/r', status: 200, outcome: 'ok', durationMs: Number.NaN }] },
      { ...good, upstreamCalls: [{ provider: 'CNAV', route: '/r', status: Infinity, outcome: 'ok', durationMs: 1 }] },
      { ...good, upstreamCalls: [{ provider: 'CNAV', route: 'nul\u0000', status: 200, outcome: 'ok', durationMs: 1 }] },
      { ...good, deniedFields: [{ path: 'p', code: 'FORBIDDEN_SCOPE', scope: '\ud83c' }] },
      { ...good, deniedFields: [{ path: 'p', code: 'FORBIDDEN_SCOPE', extra: { deep: ['\u0000'] } }] },
      { ...good, deniedFields: [{ path: 'p', code: 'FORBIDDEN_SCOPE', fn: () => 1 }] },
      { ...good, deniedFields: [{ path: 'p', code: 'FORBIDDEN_SCOPE', big: 1n }] },
      { ...good, releasedFields: 'a' }, { ...good, upstreamCalls: undefined }, null, 'entry',
    ];
    for (const input of bad) {
      const expected = outcome(() => normalizeEntryInputReference(input as JournalEntryInput));
      expect(expected).toHaveProperty('error');
      expect(outcome(() => normalizeEntryInput(input as JournalEntryInput))).toEqual(expected);
      expect((expected as { error: string }).error).toMatch(/^TypeError: journal entry: /);
    }
    // Altered, not refused: -0 becomes 0, undefined properties vanish, toJSON is honoured.
    for (const input of [
      { ...good, upstreamCalls: [{ provider: 'CNAV', route: '/r', status: null, outcome: 'ok', durationMs: -0 }] },
      { ...good, deniedFields: [{ path: 'p', code: 'FORBIDDEN_SCOPE', scope: undefined }] },
      { ...good, deniedFields: [{ path: 'p', code: 'FORBIDDEN_SCOPE', at: new Date(0) }] },
      { ...good, releasedFields: Object.assign(['a'], { toJSON: () => ['b'] }) },
    ] as JournalEntryInput[]) {
      expectSameNormalized(outcome(() => normalizeEntryInput(input)), outcome(() => normalizeEntryInputReference(input)));
    }
  });

  it('returns copies: later changes to the caller\'s arrays do not reach the journal', () => {
    const input = randomEntryInput(seededRandom(16), 0) as unknown as JournalEntryInput;
    const calls = [{ provider: 'CNAV', route: '/r', status: 200, outcome: 'ok', durationMs: 1 }] as JournalEntryInput['upstreamCalls'];
    const normalized = normalizeEntryInput({ ...input, purpose: 'p', upstreamCalls: calls, releasedFields: ['a'] });
    calls[0]!.status = 500;
    calls.push(calls[0]!);
    expect(normalized.upstreamCalls).toEqual([{ provider: 'CNAV', route: '/r', status: 200, outcome: 'ok', durationMs: 1 }]);
  });
});
