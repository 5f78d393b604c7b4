import { expect as jestExpect } from '@jest/globals';

/**
 * Jest's `expect`, also accepting `expect(value, message)`: `message` is printed above the
 * matcher's own report when the assertion fails — the suite uses it to name the case (persona,
 * route...) in loops. Everything else about `expect` is unchanged.
 */
type Matchers = Record<string | symbol, unknown>;

function withMessage(target: Matchers, message: string): Matchers {
  return new Proxy(target, {
    get(obj, key) {
      const value = Reflect.get(obj, key);
      if (key === 'not' || key === 'resolves' || key === 'rejects') return withMessage(value as Matchers, message);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const prefix = (error: unknown) => {
          if (error instanceof Error) error.message = `${message}\n\n${error.message}`;
          return error;
        };
        try {
          const result = (value as (...a: unknown[]) => unknown).apply(obj, args);
          if (result instanceof Promise) return result.catch((error: unknown) => { throw prefix(error); });
          return result;
        } catch (error) {
          throw prefix(error);
        }
      };
    },
  });
}

type Expect = typeof jestExpect & (<T>(actual: T, message?: string) => ReturnType<typeof jestExpect<T>>);

export const expect = new Proxy(jestExpect, {
  apply(target, thisArg, args: unknown[]) {
    const matchers = Reflect.apply(target, thisArg, [args[0]]) as unknown as Matchers;
    return typeof args[1] === 'string' ? withMessage(matchers, args[1]) : matchers;
  },
}) as Expect;
