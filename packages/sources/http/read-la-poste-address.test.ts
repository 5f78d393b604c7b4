import { describe, expect, it } from '@jest/globals';
import { readLaPosteAddress } from './read-la-poste-address.js';

describe('readLaPosteAddress', () => {
  const base = { destinataire: 'MME A', numero_libelle_voie: '1 RUE X', pays: 'FRANCE' };

  it('splits "75002 PARIS" in both modes', () => {
    const expected = { recipient: 'MME A', lines: ['1 RUE X'], postalCode: '75002', city: 'PARIS', country: 'FRANCE' };
    expect(readLaPosteAddress({ ...base, code_postal_ville: '75002 PARIS' })).toEqual(expected);
    expect(readLaPosteAddress({ ...base, code_postal_ville: '75002 PARIS' }, { postalCodeWithoutCity: true })).toEqual(expected);
  });

  it('keeps a lone postal code as a line by default, reads it as postalCode with postalCodeWithoutCity', () => {
    expect(readLaPosteAddress({ ...base, code_postal_ville: '75002' })).toEqual({
      recipient: 'MME A',
      lines: ['1 RUE X', '75002'],
      postalCode: null,
      city: null,
      country: 'FRANCE',
    });
    expect(readLaPosteAddress({ ...base, code_postal_ville: '75002' }, { postalCodeWithoutCity: true })).toEqual({
      recipient: 'MME A',
      lines: ['1 RUE X'],
      postalCode: '75002',
      city: null,
      country: 'FRANCE',
    });
  });

  it('is null without an object', () => {
    expect(readLaPosteAddress(null)).toBeNull();
    expect(readLaPosteAddress([])).toBeNull();
  });
});
