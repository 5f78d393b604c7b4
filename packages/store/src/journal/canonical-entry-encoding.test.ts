import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { canonicalEntryEncoding, canonicalJson, entryHash, GENESIS_HASH, type HashedEntry } from './canonical-entry-encoding.js';
import { canonicalCheckpointEncoding } from './journal-checkpoint.js';

const entry: HashedEntry = {
  seq: 1,
  id: '0b7f3f9e-6a59-4a8e-9d43-2f1c2b0a9e10',
  recordedAt: new Date('2026-11-26T10:00:00.123Z'),
  requestId: 'req-1',
  operatorId: 'op-1',
  tokenJti: 'jti-1',
  consentId: 'c-1',
  subjectRef: 'ref-1',
  purpose: 'Cantine « été »',
  releasedFields: ['person.family.familyQuotient.value'],
  releasedScopes: ['cnaf_quotient_familial'],
  upstreamCalls: [{ provider: 'CNAV', route: '/v3/dss/quotient_familial/identite', status: 200, outcome: 'ok', durationMs: 12 }],
  deniedFields: [{ path: 'person.revenue', code: 'FORBIDDEN_SCOPE', scope: 'dgfip_revenu_fiscal_reference' }],
};

describe('canonicalEntryEncoding', () => {
  it('is JSON with sorted keys at every depth, no whitespace, the date in ISO form', () => {
    expect(canonicalEntryEncoding(entry)).toBe(
      '{"consentId":"c-1","deniedFields":[{"code":"FORBIDDEN_SCOPE","path":"person.revenue","scope":"dgfip_revenu_fiscal_reference"}],'
      + '"id":"0b7f3f9e-6a59-4a8e-9d43-2f1c2b0a9e10","operatorId":"op-1","purpose":"Cantine « été »","recordedAt":"2026-11-26T10:00:00.123Z",'
      + '"releasedFields":["person.family.familyQuotient.value"],"releasedScopes":["cnaf_quotient_familial"],"requestId":"req-1","seq":1,'
      + '"subjectRef":"ref-1","tokenJti":"jti-1",'
      + '"upstreamCalls":[{"durationMs":12,"outcome":"ok","provider":"CNAV","route":"/v3/dss/quotient_familial/identite","status":200}]}',
    );
  });

  it('ignores property order, prevHash/hash and extra properties, keeps array order', () => {
    const shuffled = Object.fromEntries(Object.entries({ ...entry, prevHash: 'x', hash: 'y', extra: 1 }).reverse()) as unknown as HashedEntry;
    expect(canonicalEntryEncoding(shuffled)).toBe(canonicalEntryEncoding(entry));
    expect(canonicalEntryEncoding({ ...entry, releasedScopes: ['b', 'a'] })).not.toBe(canonicalEntryEncoding({ ...entry, releasedScopes: ['a', 'b'] }));
  });

  it('omits undefined optional properties (an absent DeniedField.scope)', () => {
    expect(canonicalJson({ b: undefined, a: [undefined, 1] })).toBe('{"a":[null,1]}');
  });
});

describe('entryHash', () => {
  it('is SHA-256 over prevHash then the encoding, hex', () => {
    const expected = createHash('sha256').update(GENESIS_HASH + canonicalEntryEncoding(entry), 'utf8').digest('hex');
    expect(entryHash(GENESIS_HASH, entry)).toBe(expected);
    expect(entryHash('1'.repeat(64), entry)).not.toBe(expected);
    expect(entryHash(GENESIS_HASH, { ...entry, seq: 2 })).not.toBe(expected);
  });
});

describe('canonicalCheckpointEncoding', () => {
  it('covers exactly seq, hash, prunedAt and count, sorted', () => {
    const cp = { seq: 14, hash: 'a'.repeat(64), prunedAt: '2026-11-26T10:00:00.000Z', count: 14 };
    expect(canonicalCheckpointEncoding({ ...cp, signature: 'sig' } as typeof cp)).toBe(
      `{"count":14,"hash":"${'a'.repeat(64)}","prunedAt":"2026-11-26T10:00:00.000Z","seq":14}`,
    );
  });
});
