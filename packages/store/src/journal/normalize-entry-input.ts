import type { JournalEntryInput } from '@hub/core';

const TEXT_FIELDS = ['requestId', 'operatorId', 'tokenJti', 'consentId', 'subjectRef', 'purpose'] as const;
const JSON_FIELDS = ['releasedFields', 'releasedScopes', 'upstreamCalls', 'deniedFields'] as const;

/**
 * Checks one caller's entry before it joins a batch, and returns the value that will be both
 * hashed and stored. Rejecting here matters for group commit: a value PostgreSQL refuses (NUL,
 * lone surrogate) or alters (NaN) would otherwise fail, or silently break the hash of, the whole
 * batch of other callers. Messages name fields, never values (they may be personal).
 */
export function normalizeEntryInput(input: JournalEntryInput): JournalEntryInput {
  if (input === null || typeof input !== 'object') throw new TypeError('journal entry: not an object');
  for (const f of TEXT_FIELDS) {
    const v: unknown = input[f];
    if (typeof v !== 'string' || v.length === 0) throw new TypeError(`journal entry: ${f} must be a non-empty string`);
    assertStorableString(v, f);
  }
  for (const f of JSON_FIELDS) {
    if (!Array.isArray(input[f])) throw new TypeError(`journal entry: ${f} must be an array`);
    assertStorableJson(input[f], f);
  }
  // A JSON round trip gives exactly what jsonb will hand back (undefined dropped, -0 as 0).
  const json = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
  return {
    requestId: input.requestId,
    operatorId: input.operatorId,
    tokenJti: input.tokenJti,
    consentId: input.consentId,
    subjectRef: input.subjectRef,
    purpose: input.purpose,
    releasedFields: json(input.releasedFields),
    releasedScopes: json(input.releasedScopes),
    upstreamCalls: json(input.upstreamCalls),
    deniedFields: json(input.deniedFields),
  };
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
