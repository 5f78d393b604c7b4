import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import DataLoader from 'dataloader';
import { pacedBatchSchedule } from './paced-schedule.js';

describe('pacedBatchSchedule', () => {
  beforeEach(() => {
    jest.useFakeTimers({ doNotFake: ['Date', 'hrtime', 'nextTick', 'queueMicrotask', 'setInterval', 'clearInterval'] });
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  function loader(intervalMs: number) {
    const batches: string[][] = [];
    const l = new DataLoader<string, string>(async (keys) => {
      batches.push([...keys]);
      return keys.map((k) => `row:${k}`);
    }, { cache: false, batchScheduleFn: pacedBatchSchedule(intervalMs, () => performance.now()) });
    return { l, batches };
  }

  it('dispatches an idle batch at once, then gathers keys arriving within the interval into one batch', async () => {
    const { l, batches } = loader(20);
    const first = l.load('a');
    await jest.advanceTimersByTimeAsync(0);
    expect(batches).toEqual([['a']]);
    const later: Promise<string>[] = [];
    for (const k of ['b', 'c', 'd']) {
      later.push(l.load(k));
      await jest.advanceTimersByTimeAsync(3);
    }
    expect(batches).toHaveLength(1); // still waiting for the interval
    await jest.advanceTimersByTimeAsync(20);
    expect(batches).toEqual([['a'], ['b', 'c', 'd']]);
    expect(await first).toBe('row:a');
    expect(await Promise.all(later)).toEqual(['row:b', 'row:c', 'row:d']);
  });

  it('with 0, dispatches each batch at the end of its I/O phase', async () => {
    const { l, batches } = loader(0);
    for (const k of ['a', 'b', 'c']) {
      void l.load(k);
      await jest.advanceTimersByTimeAsync(3);
    }
    expect(batches).toEqual([['a'], ['b'], ['c']]);
  });

  it('does not delay a batch that comes after a quiet interval', async () => {
    const { l, batches } = loader(20);
    void l.load('a');
    await jest.advanceTimersByTimeAsync(50);
    void l.load('b');
    await jest.advanceTimersByTimeAsync(0);
    expect(batches).toEqual([['a'], ['b']]);
  });
});
