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

type Waiting = { key: string; resolve: (counted: CountedRequest) => void; reject: (error: Error) => void };

/**
 * Counts requests per key (a token) in fixed windows of `windowMs`, with at most one store round
 * trip in flight per process (group commit): the requests that arrive while a batch is at the
 * store go together in the next one, sent as soon as the first returns. An idle process sends at
 * the end of the current I/O phase, so a lone request waits for nothing; under load a batch holds
 * every request of one round trip, so the statements per second stay bounded by the store's own
 * speed instead of growing with the traffic. Under load (the previous batch held several
 * requests), `batchIntervalMs` (HUB_RATE_BATCH_INTERVAL_MS) is the least time between two
 * dispatches, so that one statement counts many requests; the count runs while the request goes
 * on (graphql-handler.ts), so that wait mostly overlaps the consent read.
 * A failing store fails every request of the batch with that error, and those that queued
 * behind it, never answers a guess: with the database frozen no request waits for two timeouts.
 */
export class BatchedRateCounter {
  private waiting: Waiting[] = [];
  private inFlight = false;
  private scheduled = false;
  private lastDispatchAt = Number.NEGATIVE_INFINITY;
  private lastBatchSize = 0;

  constructor(
    private readonly store: CounterStore,
    private readonly windowMs: number,
    private readonly batchIntervalMs = 1,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one request of `key`; rejects when the store fails. */
  count(key: string): Promise<CountedRequest> {
    return new Promise<CountedRequest>((resolve, reject) => {
      this.waiting.push({ key, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.inFlight || this.scheduled || this.waiting.length === 0) return;
    this.scheduled = true;
    // Paced only under load (the previous batch gathered several requests): a client sending one
    // request after another is never delayed.
    const wait = this.lastBatchSize > 1 ? this.lastDispatchAt + this.batchIntervalMs - performance.now() : 0;
    const go = () => {
      this.scheduled = false;
      void this.dispatch();
    };
    if (wait > 0) setTimeout(go, wait);
    else setImmediate(go);
  }

  private async dispatch(): Promise<void> {
    const batch = this.waiting;
    this.waiting = [];
    this.inFlight = true;
    this.lastDispatchAt = performance.now();
    this.lastBatchSize = batch.length;
    try {
      const keys = batch.map((w) => w.key);
      const { orders, totals } = ordersInBatch(keys);
      let states;
      try {
        states = await this.store.increment(totals, this.windowMs, this.now());
      } catch (error) {
        // The requests that queued behind the failed round trip fail with it (closed, as the
        // store is unreachable) rather than wait a second timeout of their own.
        const failure = error instanceof Error ? error : new Error(String(error));
        const queued = this.waiting;
        this.waiting = [];
        for (const w of [...batch, ...queued]) w.reject(failure);
        return;
      }
      batch.forEach((w, i) => {
        const state = states.get(w.key);
        if (!state) w.reject(new Error('the counter store returned no count for a key'));
        else w.resolve({ position: state.points - totals.get(w.key)! + orders[i]!, expiresAt: state.expiresAt });
      });
    } finally {
      this.inFlight = false;
      this.schedule();
    }
  }
}
