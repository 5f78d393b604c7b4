import type { QueryParams } from '../wire/answer.js';

export type CallCount = { route: string; params: Record<string, string | string[]>; count: number };

/**
 * Calls per route and parameter set since the last reset (`GET /_stats`). Parameters keep their
 * wire names (`prenoms[]`), sorted; array parameters (`[]` suffix or repeated) are arrays. The
 * `recipient` is left out: it names the operator, not the question asked.
 */
export class CallStats {
  readonly #calls = new Map<string, CallCount>();

  record(route: string, params: QueryParams): void {
    const shaped: Record<string, string | string[]> = {};
    for (const name of [...params.keys()].sort()) {
      if (name === 'recipient') continue;
      const values = params.get(name) ?? [];
      shaped[name] = name.endsWith('[]') || values.length > 1 ? values : (values[0] ?? '');
    }
    const key = `${route} ${JSON.stringify(shaped)}`;
    const entry = this.#calls.get(key);
    if (entry) entry.count += 1;
    else this.#calls.set(key, { route, params: shaped, count: 1 });
  }

  snapshot(): { calls: CallCount[] } {
    return { calls: [...this.#calls.values()].map((c) => ({ ...c })) };
  }

  reset(): void {
    this.#calls.clear();
  }
}
