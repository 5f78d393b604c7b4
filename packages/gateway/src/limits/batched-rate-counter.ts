import DataLoader from 'dataloader';
import { pacedBatchSchedule } from '../auth/paced-schedule.js';
import type { CounterStore } from './counter-store.js';

/** One request's count in its key's window: its position (1 = first of the window) and the window's end. */
export type CountedRequest = { position: number; expiresAt: number };

/**
 * Each slot's increment order within its key in one batch (1, 2, ... in arrival order) and the
 * total per key. A slot's exact position in the window is then the key's total before the batch
 * plus its order: the store adds a batch's increments atomically, so concurrent batches (other
 * instances) take whole, disjoint ranges of positions.
 */
export function ordersInBatch(keys: readonly string[]): { orders: number[]; totals: Map<string, number> } {
  const totals = new Map<string, number>();
  const orders = keys.map((key) => {
    const order = (totals.get(key) ?? 0) + 1;
    totals.set(key, order);
    return order;
  });
  return { orders, totals };
}

/**
 * Counts requests per key (a token) in fixed windows of `windowMs`, one store round trip per
 * paced batch whatever the number of concurrent requests: the first request of an idle process
 * goes at the end of the current I/O phase, and under load a batch starts at most once per
 * `batchIntervalMs` (HUB_DB_BATCH_INTERVAL_MS's pacing, as consent reads and journal commits).
 * A failing store fails every request of the batch with that error, never answers a guess.
 */
export class BatchedRateCounter {
  private readonly loader: DataLoader<string, CountedRequest>;

  constructor(store: CounterStore, windowMs: number, batchIntervalMs = 1, now: () => number = Date.now) {
    this.loader = new DataLoader(async (keys) => {
      const { orders, totals } = ordersInBatch(keys);
      let states;
      try {
        states = await store.increment(totals, windowMs, now());
      } catch (error) {
        const failure = error instanceof Error ? error : new Error(String(error));
        return keys.map(() => failure);
      }
      return keys.map((key, i) => {
        const state = states.get(key);
        if (!state) return new Error(`the counter store returned no count for a key`);
        return { position: state.points - totals.get(key)! + orders[i]!, expiresAt: state.expiresAt };
      });
    }, { cache: false, batchScheduleFn: pacedBatchSchedule(batchIntervalMs) });
  }

  /** Counts one request of `key`; rejects when the store fails. */
  count(key: string): Promise<CountedRequest> {
    return this.loader.load(key);
  }
}
