import { describe, expect, it } from '@jest/globals';
import {
  canonicalEntryEncoding, canonicalEntryEncodingReference, entryHash, GENESIS_HASH, type HashedEntry,
} from './canonical-entry-encoding.js';
import { normalizeEntryInput } from './normalize-entry-input.js';

/*
 * The persisted hash format, pinned: these encodings and hashes were computed by the encoder as it
 * was before the entry's fields were declared in one place (journal-entry-fields.ts). A chain
 * written by any earlier version must keep verifying, so neither may ever change.
 */

const CHAIN: { entry: HashedEntry; encoding: string; hash: string }[] = [
  {
    entry: {
      seq: 1, id: '0b7f3f9e-6a59-4a8e-9d43-2f1c2b0a9e10', recordedAt: new Date('2026-11-26T10:00:00.123Z'),
      requestId: 'req-1', operatorId: 'op-1', tokenJti: 'jti-1', consentId: 'c-1', subjectRef: 'ref-1', purpose: 'Cantine « été »',
      releasedFields: ['person.family.familyQuotient.value'], releasedScopes: ['cnaf_quotient_familial'],
      upstreamCalls: [{ provider: 'CNAV', route: '/v3/dss/quotient_familial/identite', status: 200, outcome: 'ok', durationMs: 12 }],
      deniedFields: [{ path: 'person.revenue', code: 'FORBIDDEN_SCOPE', scope: 'dgfip_revenu_fiscal_reference' }],
    },
    encoding: '{"consentId":"c-1","deniedFields":[{"code":"FORBIDDEN_SCOPE","path":"person.revenue","scope":"dgfip_revenu_fiscal_reference"}],'
      + '"id":"0b7f3f9e-6a59-4a8e-9d43-2f1c2b0a9e10","operatorId":"op-1","purpose":"Cantine « été »","recordedAt":"2026-11-26T10:00:00.123Z",'
      + '"releasedFields":["person.family.familyQuotient.value"],"releasedScopes":["cnaf_quotient_familial"],"requestId":"req-1","seq":1,'
      + '"subjectRef":"ref-1","tokenJti":"jti-1",'
      + '"upstreamCalls":[{"durationMs":12,"outcome":"ok","provider":"CNAV","route":"/v3/dss/quotient_familial/identite","status":200}]}',
    hash: '587b1b95c48d452d32ce19dd33c69eefa7be6bc5e379e8139ad201f988440f8f',
  },
  {
    entry: {
      seq: 2, id: '5f0c6a55-8c1e-4d7a-9a51-0e4b7c2d9f11', recordedAt: new Date('2026-11-26T10:00:00.124Z'),
      requestId: 'req-"2"\n', operatorId: 'op-2', tokenJti: 'jti-2', consentId: 'c-2', subjectRef: 'ref-2', purpose: 'émoji 🎓 \\ </script>',
      releasedFields: [], releasedScopes: [], upstreamCalls: [], deniedFields: [],
    },
    encoding: '{"consentId":"c-2","deniedFields":[],"id":"5f0c6a55-8c1e-4d7a-9a51-0e4b7c2d9f11","operatorId":"op-2",'
      + '"purpose":"émoji 🎓 \\\\ </script>","recordedAt":"2026-11-26T10:00:00.124Z","releasedFields":[],"releasedScopes":[],'
      + '"requestId":"req-\\"2\\"\\n","seq":2,"subjectRef":"ref-2","tokenJti":"jti-2","upstreamCalls":[]}',
    hash: '74dc826acbcd24dc041b42344dfa9fb5aa6b8711acfb4a1d182565d1a19c7886',
  },
  {
    entry: {
      seq: 9007199254740991, id: '00000000-0000-4000-8000-000000000000', recordedAt: new Date('1999-12-31T23:59:59.999Z'),
      requestId: 'r', operatorId: 'o', tokenJti: 't', consentId: 'c', subjectRef: 's', purpose: 'p',
      releasedFields: ['a', 'b', 'a'], releasedScopes: ['z', 'y'],
      upstreamCalls: [
        { durationMs: 3.25, outcome: 'timeout', status: null, route: '/r', provider: 'DGFIP' },
        { provider: 'ANTS', route: '/v2/x', status: 502, outcome: 'error', durationMs: 0 },
      ] as HashedEntry['upstreamCalls'],
      deniedFields: [{ path: 'p.x', code: 'CONSENT_SCOPE_MISSING' }, { scope: 's', code: 'FORBIDDEN_SCOPE', path: 'q' }],
    },
    encoding: '{"consentId":"c","deniedFields":[{"code":"CONSENT_SCOPE_MISSING","path":"p.x"},{"code":"FORBIDDEN_SCOPE","path":"q","scope":"s"}],'
      + '"id":"00000000-0000-4000-8000-000000000000","operatorId":"o","purpose":"p","recordedAt":"1999-12-31T23:59:59.999Z",'
      + '"releasedFields":["a","b","a"],"releasedScopes":["z","y"],"requestId":"r","seq":9007199254740991,"subjectRef":"s","tokenJti":"t",'
      + '"upstreamCalls":[{"durationMs":3.25,"outcome":"timeout","provider":"DGFIP","route":"/r","status":null},'
      + '{"durationMs":0,"outcome":"error","provider":"ANTS","route":"/v2/x","status":502}]}',
    hash: '7926820e38d8563e63fc0fb20c0f66d4f2b4c29ad2e28c527f407bfc7397f009',
  },
];

describe('the persisted hash format (version 1) does not move', () => {
  it('encodes and chains pinned entries to the pinned bytes and hashes, on both paths', () => {
    let prev = GENESIS_HASH;
    for (const { entry, encoding, hash } of CHAIN) {
      expect(canonicalEntryEncodingReference(entry)).toBe(encoding);
      expect(canonicalEntryEncoding(entry)).toBe(encoding);
      expect(entryHash(prev, entry)).toBe(hash);
      prev = hash;
    }
  });

  it('gives the same hashes after normalisation (what the writer hashes)', () => {
    let prev = GENESIS_HASH;
    for (const { entry, hash } of CHAIN) {
      const { seq, id, recordedAt, ...input } = entry;
      const normalized = { ...normalizeEntryInput(input), seq, id, recordedAt };
      expect(entryHash(prev, normalized)).toBe(hash);
      prev = hash;
    }
  });

  it('is unchanged by the optional fields added later (consentKind, franceConnectJti): absent, or undefined, they encode to nothing', () => {
    let prev = GENESIS_HASH;
    for (const { entry, encoding, hash } of CHAIN) {
      const withUndefined = { ...entry, consentKind: undefined, franceConnectJti: undefined } as HashedEntry;
      expect(canonicalEntryEncodingReference(withUndefined)).toBe(encoding);
      expect(canonicalEntryEncoding(withUndefined)).toBe(encoding);
      expect(entryHash(prev, withUndefined)).toBe(hash);
      prev = hash;
    }
  });

  it('encodes the optional fields, when present, under their names at their sorted place (pinned)', () => {
    const { entry, encoding } = CHAIN[1]!;
    const fc = { ...entry, consentKind: 'franceconnect', franceConnectJti: 'f'.repeat(64) } as HashedEntry;
    const expected = encoding
      .replace('"consentId":"c-2",', '"consentId":"c-2","consentKind":"franceconnect",')
      .replace('"deniedFields":[],', `"deniedFields":[],"franceConnectJti":"${'f'.repeat(64)}",`);
    expect(canonicalEntryEncodingReference(fc)).toBe(expected);
    expect(canonicalEntryEncoding(fc)).toBe(expected);
    expect(entryHash(GENESIS_HASH, fc)).toBe('d174f9db552c5e4805cfdc102b41b682b8890a3e95994a7cdd5d352ff97a5946');
  });
});
