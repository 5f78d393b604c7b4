import { describe, expect, it } from '@jest/globals';
import { readDataBlock } from './read-data-block.js';

describe('readDataBlock', () => {
  it('returns the data object of a v3 body', () => {
    expect(readDataBlock({ data: { a: 1 }, links: {}, meta: {} })).toEqual({ a: 1 });
  });

  it('throws a TypeError when data is missing or not an object', () => {
    expect(() => readDataBlock({ errors: [] })).toThrow(TypeError);
    expect(() => readDataBlock({ data: [] })).toThrow(TypeError);
    expect(() => readDataBlock('<html>')).toThrow(TypeError);
  });
});
