import { describe, expect, it } from '@jest/globals';
import { isValidSiret } from './siret.js';

describe('isValidSiret', () => {
  it('accepts SIRETs passing the Luhn check', () => {
    expect(isValidSiret('13002526500013')).toBe(true); // DINUM, the OpenAPI example
    expect(isValidSiret('21750001600019')).toBe(true); // Ville de Paris
  });
  it('refuses a wrong check digit, a wrong length, letters', () => {
    expect(isValidSiret('13002526500014')).toBe(false);
    expect(isValidSiret('1300252650001')).toBe(false);
    expect(isValidSiret('1300252650001A')).toBe(false);
  });
  it('applies the La Poste rule (digit sum multiple of 5) to SIREN 356000000', () => {
    // 3+5+6+1 = 15: valid for La Poste although it fails the Luhn check.
    expect(isValidSiret('35600000000001')).toBe(true);
    expect(isValidSiret('35600000000002')).toBe(false);
  });
});
