import { describe, expect, it } from '@jest/globals';
import { isValidSiret } from './siret.js';

describe('isValidSiret', () => {
  it('accepts Luhn-valid SIRETs', () => {
    expect(isValidSiret('21750001600019')).toBe(true); // Ville de Paris
    expect(isValidSiret('13002526500013')).toBe(true); // DINUM
  });
  it('refuses a wrong check digit, wrong length or non digits', () => {
    expect(isValidSiret('21750001600018')).toBe(false);
    expect(isValidSiret('2175000160001')).toBe(false);
    expect(isValidSiret('2175000160001a')).toBe(false);
    expect(isValidSiret('')).toBe(false);
  });
  it("accepts La Poste's establishments, which do not pass Luhn", () => {
    expect(isValidSiret('35600000049837')).toBe(true); // digit sum 50, Luhn fails
    expect(isValidSiret('35600000049836')).toBe(false);
  });
});
