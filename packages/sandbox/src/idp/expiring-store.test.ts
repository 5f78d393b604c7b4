import { describe, expect, it } from '@jest/globals';
import { ExpiringStore } from './expiring-store.js';

describe('ExpiringStore', () => {
  it('takes an entry once and reports whether it had expired', () => {
    let now = 1_000;
    const store = new ExpiringStore<string>(() => now);
    store.set('a', 'A', 100);
    store.set('b', 'B', 100);
    expect(store.take('a')).toEqual({ value: 'A', expired: false });
    expect(store.take('a')).toBeUndefined();
    now += 100;
    expect(store.take('b')).toEqual({ value: 'B', expired: true });
    expect(store.take('b')).toBeUndefined();
  });

  it('get returns live entries only and keeps them', () => {
    let now = 0;
    const store = new ExpiringStore<number>(() => now);
    store.set('k', 1, 50);
    expect(store.get('k')).toBe(1);
    expect(store.get('k')).toBe(1);
    now = 50;
    expect(store.get('k')).toBeUndefined();
  });

  it('sweeps expired entries on write', () => {
    let now = 0;
    const store = new ExpiringStore<number>(() => now);
    store.set('old', 1, 10);
    now = 20;
    store.set('new', 2, 10);
    now = 0; // even if the clock went back, the swept entry is gone
    expect(store.take('old')).toBeUndefined();
    expect(store.take('new')).toEqual({ value: 2, expired: false });
  });
});
