import { describe, expect, it } from '@jest/globals';
import { RetryBudget } from './retry-budget.js';

describe('RetryBudget', () => {
  it('allows retries up to the rate of the calls plus the reserve, over a sliding window', () => {
    let now = 1_000_000;
    const budget = new RetryBudget({ rate: 0.2, minPerSecond: 1, windowMs: 10_000, now: () => now });
    // Reserve: 1/s × 10 s = 10 retries, whatever the volume.
    let granted = 0;
    for (let i = 0; i < 50; i++) {
      budget.recordCall();
      if (budget.tryRetry()) granted += 1;
    }
    expect(granted).toBe(20); // 0.2 × 50 + 10
    expect(budget.tryRetry()).toBe(false);
    // Once the window has slid past them, calls and retries are forgotten.
    now += 11_000;
    budget.recordCall();
    expect(budget.tryRetry()).toBe(true);
  });

  it('with no reserve and no rate, never retries', () => {
    const budget = new RetryBudget({ rate: 0, minPerSecond: 0, windowMs: 1_000 });
    budget.recordCall();
    expect(budget.tryRetry()).toBe(false);
  });
});
