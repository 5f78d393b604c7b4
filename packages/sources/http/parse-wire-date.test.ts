import { describe, expect, it } from '@jest/globals';
import { parseWireDate } from './parse-wire-date.js';

describe('parseWireDate', () => {
  it('reads ISO and French layouts into ISO', () => {
    expect(parseWireDate('1992-11-20', 'YYYY-MM-DD')).toBe('1992-11-20');
    expect(parseWireDate('19/01/1980', 'DD/MM/YYYY')).toBe('1980-01-19');
    expect(parseWireDate('2024-02-29', 'YYYY-MM-DD')).toBe('2024-02-29');
  });

  it('gives null for impossible, empty, mis-shaped or missing dates', () => {
    expect(parseWireDate('2021-06-31', 'YYYY-MM-DD')).toBeNull();
    expect(parseWireDate('2023-02-29', 'YYYY-MM-DD')).toBeNull();
    expect(parseWireDate('31/06/2021', 'DD/MM/YYYY')).toBeNull();
    expect(parseWireDate('', 'DD/MM/YYYY')).toBeNull();
    expect(parseWireDate('19/01/1980', 'YYYY-MM-DD')).toBeNull();
    expect(parseWireDate(null, 'YYYY-MM-DD')).toBeNull();
    expect(parseWireDate(19800119, 'YYYY-MM-DD')).toBeNull();
  });
});
