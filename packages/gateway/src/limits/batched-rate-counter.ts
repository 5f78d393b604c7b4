import { LRUCache } from 'lru-cache';
import type { CounterStore } from './counter-store.js';

/** One request's count in its key's window: its position (1 = first of the window) and the window's end. */
export type CountedRequest = { position: number; expiresAt: number };

/**
 * The last points of a window that are never leased: below this many remaining points every
 * request is counted at the store (exact across instances, to the last point). With the default
 * rate of 250 a minute a window never has more, so leases only serve high-rate tokens.
 */
export const LEASE_FLOOR = 1_000;

/** The most points one lease takes. */
export const MAX_LEASE = 500;

/** A lease covers this many round trips of a key's measured traffic; it is renewed at half. */
const LEASE_ROUND_TRIPS = 32;

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

/** What this instance knows of one key: its window, its leased positions, its traffic. */
type KeyState = {
  /** The key's limit, as its last request gave it (one token has one operator). */
  limit: number;
  /** The store's total after this instance's last round trip for the key, in window `expiresAt`. */
  known: number | null;
  expiresAt: number;
  /** Leased positions not handed out yet, in order: [next, end] each. */
  ranges: { next: number; end: number }[];
  /** Points of the last lease (renewed when fewer than half are left). */
  lastLease: number;
  refillQueued: boolean;
  /** count() calls since `since` (the counter's clock): the key's traffic, measured at each round trip. */
  arrivals: number;
  since: number;
  /** Requests a millisecond, measured at the key's last round trip. */
  rate: number;
};

/**
 * Counts requests per key (a token) in fixed windows of `windowMs`, with at most one store round
 * trip in flight per process (group commit): the requests that arrive while a batch is at the
 * store go together in the next one, sent as soon as the first returns. An idle process sends at
 * the end of the current I/O phase, so a lone request waits for nothing; under load a batch holds
 * every request of one round trip, so the statements per second stay bounded by the store's own
 * speed instead of growing with the traffic. Under load (the previous batch held several
 * requests), `batchIntervalMs` (HUB_RATE_BATCH_INTERVAL_MS) is the least time between two
 * dispatches, so that one statement counts many requests.
 *
 * Leases: a key far from its limit (more than LEASE_FLOOR points left after the lease) with
 * concurrent traffic takes, in the same atomic increment, a block of positions sized to a few
 * round trips of its measured traffic (at most MAX_LEASE). Its next requests take their positions
 * from the block at once, without waiting for the store, and the block is renewed in the
 * background at half. The store counts leased positions as used, so every position of a window
 * is still given once across instances; a block an instance does not use up before the window
 * ends is lost (under one and a half leases per instance, never within the last LEASE_FLOOR
 * points).
 *
 * A failing store fails every request of the batch with that error, and those that queued
 * behind it, never answers a guess: with the database frozen no request waits for two timeouts.
 */
export class BatchedRateCounter {
  private waiting: Waiting[] = [];
  private refills = new Set<string>();
  private inFlight = false;
  private scheduled = false;
  private lastDispatchAt = Number.NEGATIVE_INFINITY;
  private lastBatchSize = 0;
  private lastRoundTripMs = 1;
  private readonly keys = new LRUCache<string, KeyState>({ max: 50_000 });

  constructor(
    private readonly store: CounterStore,
    private readonly windowMs: number,
    private readonly batchIntervalMs = 1,
    private readonly now: () => number = Date.now,
    /** Monotonic milliseconds: pacing, round-trip times and each key's measured traffic. */
    private readonly clock: () => number = () => performance.now(),
  ) {}

  /** Counts one request of `key` (whose limit is `limit`); rejects when the store fails. */
  count(key: string, limit = Number.POSITIVE_INFINITY): Promise<CountedRequest> {
    const leased = this.countFromLease(key, limit);
    if (leased) return Promise.resolve(leased);
    this.keys.get(key)!.arrivals += 1;
    return new Promise<CountedRequest>((resolve, reject) => {
      this.waiting.push({ key, resolve, reject });
      this.schedule();
    });
  }

  /**
   * Counts one request of `key` at once when this instance holds a lease of its window; null
   * (nothing counted) when the count must go to the store (`count`).
   */
  countFromLease(key: string, limit = Number.POSITIVE_INFINITY): CountedRequest | null {
    let state = this.keys.get(key);
    if (!state) {
      state = { limit, known: null, expiresAt: 0, ranges: [], lastLease: 0, refillQueued: false, arrivals: 0, since: this.clock(), rate: 0 };
      this.keys.set(key, state);
    }
    state.limit = limit; // the operator's limit in force (an override may lower it)
    const range = state.ranges[0];
    if (!range) return null;
    if (state.expiresAt <= this.now()) {
      state.ranges = []; // the window ended: its leased positions are void
      return null;
    }
    state.arrivals += 1;
    const position = range.next++;
    if (range.next > range.end) state.ranges.shift();
    if (!state.refillQueued && leasedLeft(state) * 2 < state.lastLease) {
      state.refillQueued = true;
      this.refills.add(key);
      this.schedule();
    }
    return { position, expiresAt: state.expiresAt };
  }

  private schedule(): void {
    if (this.inFlight || this.scheduled || (this.waiting.length === 0 && this.refills.size === 0)) return;
    this.scheduled = true;
    // Paced only under load (the previous batch gathered several requests): a client sending one
    // request after another is never delayed.
    const wait = this.lastBatchSize > 1 ? this.lastDispatchAt + this.batchIntervalMs - this.clock() : 0;
    const go = () => {
      this.scheduled = false;
      void this.dispatch();
    };
    if (wait > 0) setTimeout(go, wait);
    else setImmediate(go);
  }

  private async dispatch(): Promise<void> {
    const batch = this.waiting;
    const refills = this.refills;
    this.waiting = [];
    this.refills = new Set();
    this.inFlight = true;
    const started = this.clock();
    this.lastDispatchAt = started;
    this.lastBatchSize = batch.length + refills.size;
    const now = this.now();
    try {
      const { orders, totals } = ordersInBatch(batch.map((w) => w.key));
      const leases = new Map<string, number>();
      const increments = new Map(totals);
      for (const key of new Set([...totals.keys(), ...refills])) {
        const state = this.keys.get(key);
        if (!state) continue;
        state.refillQueued = false;
        const lease = this.leaseFor(state, totals.get(key) ?? 0, started, now);
        if (lease > 0) {
          leases.set(key, lease);
          increments.set(key, (totals.get(key) ?? 0) + lease);
        }
      }
      if (increments.size === 0) return;
      let states;
      try {
        states = await this.store.increment(increments, this.windowMs, now);
      } catch (error) {
        // The requests that queued behind the failed round trip fail with it (closed, as the
        // store is unreachable) rather than wait a second timeout of their own. Leases in hand
        // stay good: their positions were counted.
        const failure = error instanceof Error ? error : new Error(String(error));
        const queued = this.waiting;
        this.waiting = [];
        for (const w of [...batch, ...queued]) w.reject(failure);
        return;
      }
      this.lastRoundTripMs = this.clock() - started;
      for (const key of increments.keys()) {
        const counted = states.get(key);
        const state = this.keys.get(key);
        if (!counted || !state) continue;
        if (state.expiresAt !== counted.expiresAt) state.ranges = []; // a new window: the old lease is void
        state.known = counted.points;
        state.expiresAt = counted.expiresAt;
        const lease = leases.get(key) ?? 0;
        if (lease > 0) {
          state.ranges.push({ next: counted.points - lease + 1, end: counted.points });
          state.lastLease = lease;
        }
      }
      batch.forEach((w, i) => {
        const counted = states.get(w.key);
        if (!counted) w.reject(new Error('the counter store returned no count for a key'));
        else w.resolve({ position: counted.points - increments.get(w.key)! + orders[i]!, expiresAt: counted.expiresAt });
      });
    } finally {
      this.inFlight = false;
      this.schedule();
    }
  }

  /**
   * The positions to lease for `key` with this batch: a few round trips of its traffic, when it
   * has concurrent traffic and stays more than LEASE_FLOOR points from its limit; else 0.
   */
  private leaseFor(state: KeyState, requests: number, at: number, now: number): number {
    const elapsed = at - state.since;
    if (elapsed > 0) state.rate = state.arrivals / elapsed;
    state.arrivals = 0;
    state.since = at;
    if (state.known === null || state.expiresAt <= now || !Number.isFinite(state.limit)) return 0;
    const period = Math.max(this.lastRoundTripMs, this.batchIntervalMs, 1);
    const wanted = Math.ceil(state.rate * period * LEASE_ROUND_TRIPS);
    const room = state.limit - state.known - leasedLeft(state) - requests - LEASE_FLOOR;
    const lease = Math.min(wanted, room, MAX_LEASE);
    return lease >= 2 ? lease : 0;
  }
}

function leasedLeft(state: KeyState): number {
  let left = 0;
  for (const r of state.ranges) left += r.end - r.next + 1;
  return left;
}
