import { describe, expect, it } from '@jest/globals';
import { encodeQuery } from './encode-query.js';

describe('encodeQuery', () => {
  it('repeats array values as name[] and skips undefined values', () => {
    const qs = new URLSearchParams(encodeQuery({ prenoms: ['Jean', 'Marie'], nomUsage: undefined, annee: 2024, flag: true }));
    expect(qs.getAll('prenoms[]')).toEqual(['Jean', 'Marie']);
    expect(qs.has('nomUsage')).toBe(false);
    expect(qs.get('annee')).toBe('2024');
    expect(qs.get('flag')).toBe('true');
  });

  it('is independent of key order', () => {
    expect(encodeQuery({ b: '1', a: '2' })).toBe(encodeQuery({ a: '2', b: '1' }));
  });

  it('percent-encodes accents and spaces', () => {
    expect(encodeQuery({ nomNaissance: 'GRÉÔME DE LA' })).toBe('nomNaissance=GR%C3%89%C3%94ME+DE+LA');
  });
});
