import { expect } from '@jest/globals';

export type PollOptions = { timeout?: number; interval?: number };

/**
 * Retries `read` until the assertion holds or the timeout passes, then fails with the last
 * assertion error: `await poll(() => status(), { timeout: 5000 }).toBe(401)`.
 */
export function poll<T>(read: () => T | Promise<T>, options: PollOptions = {}) {
  const timeout = options.timeout ?? 5000;
  const interval = options.interval ?? 100;
  const until = async (check: (value: T) => void): Promise<void> => {
    const deadline = Date.now() + timeout;
    for (;;) {
      try {
        check(await read());
        return;
      } catch (error) {
        if (Date.now() >= deadline) throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, interval));
    }
  };
  return {
    toBe: (expected: T) => until((value) => expect(value).toBe(expected)),
    toContain: (expected: unknown) => until((value) => expect(value).toContain(expected)),
    toEqual: (expected: unknown) => until((value) => expect(value).toEqual(expected)),
  };
}
