import { describe, expect, it } from '@jest/globals';
import { HubError } from '@hub/core';
import type { OperatorLimitsRepository } from '@hub/store';
import type { CounterState, CounterStore } from './counter-store.js';
import { BatchedRateCounter, LEASE_FLOOR, MAX_LEASE, ordersInBatch } from './batched-rate-counter.js';
import { OperatorLimitsService } from './operator-limits.js';

/**
 * A CounterStore in memory with the PostgreSQL statement's semantics (fixed window opened by the
 * first increment after the previous one ended; a batch's increments added atomically), answering
 * after a turn of the event loop like a real round trip, and recording each call.
 */
function memoryStore(options: { fail?: () => boolean } = {}) {
  const counters = new Map<string, CounterState>();
  const calls: { increments: Map<string, number>; now: number }[] = [];
  const subjects = new Map<string, Set<string>>();
  const admitCalls: string[][] = [];
  const store: CounterStore = {
    kind: 'postgres',
    async increment(increments, windowMs, now) {
      calls.push({ increments: new Map(increments), now });
      await new Promise((resolve) => setImmediate(resolve));
      if (options.fail?.()) throw new Error('connection refused');
      const out = new Map<string, CounterState>();
      for (const [key, n] of increments) {
        const c = counters.get(key);
        const next = c && c.expiresAt > now ? { points: c.points + n, expiresAt: c.expiresAt } : { points: n, expiresAt: now + windowMs };
        counters.set(key, next);
        out.set(key, next);
      }
      return out;
    },
    async admitSubjects(operatorId, purpose, day, refs, limit) {
      admitCalls.push([...refs]);
      await new Promise((resolve) => setImmediate(resolve));
      if (options.fail?.()) throw new Error('connection refused');
      const set = subjects.get(`${operatorId}/${purpose}/${day}`) ?? new Set<string>();
      subjects.set(`${operatorId}/${purpose}/${day}`, set);
      const refused = new Set<string>();
      for (const ref of new Set(refs)) {
        if (set.has(ref)) continue;
        if (set.size >= limit) refused.add(ref);
        else set.add(ref);
      }
      return refused;
    },
    close: async () => undefined,
  };
  return { store, calls, admitCalls };
}

const repository = (rate?: number) => ({ get: async () => (rate ? { ratePerMinute: rate } : {}) }) as unknown as OperatorLimitsRepository;

function service(store: CounterStore, rate: number, now: () => number = Date.now, dailySubjects = 5000) {
  return new OperatorLimitsService(store, repository(rate), { ratePerMinute: rate, dailySubjects }, 5_000, 1, now);
}

describe('ordersInBatch', () => {
  it('numbers each key’s requests in arrival order and totals them per key', () => {
    const { orders, totals } = ordersInBatch(['a', 'b', 'a', 'a', 'b']);
    expect(orders).toEqual([1, 1, 2, 3, 2]);
    expect([...totals]).toEqual([['a', 3], ['b', 2]]);
  });
});

describe('BatchedRateCounter (one round trip in flight)', () => {
  /** A store whose increments wait until the test releases them, in order. */
  function heldStore() {
    const { store, calls } = memoryStore();
    const held: (() => void)[] = [];
    const increment = store.increment.bind(store);
    store.increment = async (...args) => {
      await new Promise<void>((resolve) => held.push(resolve));
      return increment(...args);
    };
    const release = async () => {
      held.shift()!();
      for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
    };
    return { store, calls, held, release };
  }
  const turns = async (n: number) => { for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve)); };

  it('sends the requests that arrive during a round trip together, once it returns', async () => {
    const { store, calls, held, release } = heldStore();
    const counter = new BatchedRateCounter(store, 60_000, 0);
    const first = counter.count('k');
    await turns(3);
    expect(held).toHaveLength(1);
    const later = [counter.count('k'), counter.count('k'), counter.count('other'), counter.count('k')];
    await turns(3);
    // Nothing more is sent while a batch is at the store.
    expect(held).toHaveLength(1);
    await release();
    expect((await first).position).toBe(1);
    // The waiting requests left together.
    expect(held).toHaveLength(1);
    await release();
    expect((await Promise.all(later)).map((c) => c.position)).toEqual([2, 3, 1, 4]);
    expect(calls.map((c) => [...c.increments])).toEqual([[['k', 1]], [['k', 3], ['other', 1]]]);
  });

  it('paces only under load: a lone request after another goes at once, one after a crowded batch waits', async () => {
    const { store, calls } = memoryStore();
    const counter = new BatchedRateCounter(store, 60_000, 1_000);
    const settledWithin = async (p: Promise<unknown>, ms: number) => Promise.race([p.then(() => true), new Promise((resolve) => setTimeout(() => resolve(false), ms))]);
    await counter.count('k');
    expect(await settledWithin(counter.count('k'), 200)).toBe(true);
    await Promise.all([counter.count('k'), counter.count('k'), counter.count('k')]);
    expect(calls).toHaveLength(3);
    expect(await settledWithin(counter.count('k'), 200)).toBe(false);
  });

  it('fails a failed batch and the requests queued behind it at once, then serves the next', async () => {
    let failing = true;
    const { store, calls } = memoryStore({ fail: () => failing });
    const counter = new BatchedRateCounter(store, 60_000, 0);
    const batch = [counter.count('k'), counter.count('k')];
    await turns(1);
    const queued = counter.count('k');
    const outcomes = await Promise.allSettled([...batch, queued]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(calls).toHaveLength(1);
    failing = false;
    expect((await counter.count('k')).position).toBe(1);
  });
});

describe('BatchedRateCounter leases (high-rate tokens far from their limit)', () => {
  /** A monotonic clock that moves 10 µs a reading: the measured traffic, hence the lease sizes,
   * no longer depend on how loaded the machine running the test is. */
  const steadyClock = () => {
    let t = 0;
    return () => (t += 0.01);
  };
  const turns = async (n: number) => { for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve)); };
  const LIMIT = 1_000_000;
  /** Concurrent bursts of `size` requests, one after the other; every position handed out. */
  async function bursts(counter: BatchedRateCounter, count: number, size: number, limit = LIMIT): Promise<number[]> {
    const positions: number[] = [];
    for (let b = 0; b < count; b++) {
      const counted = await Promise.all(Array.from({ length: size }, () => counter.count('k', limit)));
      positions.push(...counted.map((c) => c.position));
      await turns(2);
    }
    return positions;
  }

  it('serves a busy token from a leased block without a store round trip, each position given once', async () => {
    const { store, calls } = memoryStore();
    const counter = new BatchedRateCounter(store, 60_000, 0, Date.now, steadyClock());
    const positions = await bursts(counter, 20, 10);
    // The first bursts went to the store; the later ones took positions from leases.
    expect(calls.length).toBeLessThan(8);
    expect(calls.some((c) => c.increments.get('k')! > 10)).toBe(true);
    // No position twice, none skipped: 1..200 in order (one instance).
    expect(positions).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(counter.countFromLease('k', LIMIT)).not.toBeNull();
  });

  it('renews the lease in the background while the rest of the block serves requests', async () => {
    const { store, calls } = memoryStore();
    const counter = new BatchedRateCounter(store, 60_000, 0, Date.now, steadyClock());
    await bursts(counter, 3, 10);
    const before = calls.length;
    // Take positions from the lease until a renewal was asked for: none of them waited.
    let immediate = 0;
    while (calls.length === before && immediate < MAX_LEASE) {
      expect(counter.countFromLease('k', LIMIT)).not.toBeNull();
      immediate += 1;
      await turns(1);
    }
    expect(calls.length).toBe(before + 1);
    expect(calls.at(-1)!.increments.get('k')).toBeGreaterThan(0);
    await turns(3);
    // The renewal arrived before the block ran out: the next request is still served at once.
    expect(counter.countFromLease('k', LIMIT)).not.toBeNull();
  });

  it('never leases the last LEASE_FLOOR points of a window: there every request is counted at the store', async () => {
    const { store, calls } = memoryStore();
    const limit = LEASE_FLOOR + 100;
    const counter = new BatchedRateCounter(store, 60_000, 0, Date.now, steadyClock());
    const positions = await bursts(counter, 60, 20, limit);
    expect(positions).toEqual(Array.from({ length: 1200 }, (_, i) => i + 1));
    // Leases were taken while far from the limit...
    expect(calls.some((c) => c.increments.get('k')! > 20)).toBe(true);
    // ...but none reached into the floor: the call that crossed into it, and every later one,
    // counted the burst's 20 requests only.
    let total = 0;
    const crossing = calls.findIndex((c) => (total += c.increments.get('k')!) > limit - LEASE_FLOOR);
    expect(crossing).toBeGreaterThan(0);
    for (const call of calls.slice(crossing)) expect(call.increments.get('k')).toBe(20);
    expect(counter.countFromLease('k', limit)).toBeNull();
  });

  it('never leases for a token whose limit is under LEASE_FLOOR (the default 250 a minute)', async () => {
    const { store, calls } = memoryStore();
    const counter = new BatchedRateCounter(store, 60_000, 0, Date.now, steadyClock());
    await bursts(counter, 10, 10, 250);
    expect(calls.map((c) => c.increments.get('k'))).toEqual(Array.from({ length: 10 }, () => 10));
  });

  it('stops leasing when the operator’s limit is lowered (an override in force)', async () => {
    const { store, calls } = memoryStore();
    const counter = new BatchedRateCounter(store, 60_000, 0, Date.now, steadyClock());
    await bursts(counter, 3, 10);
    const leasedBefore = calls.length;
    const positions = await bursts(counter, 100, 10, 1_000);
    // The lease in hand is used up, then the bursts go to the store with their own requests only
    // (the one that used the lease's last positions with fewer): no new lease.
    const later = calls.slice(leasedBefore);
    expect(later.length).toBeGreaterThan(0);
    for (const call of later) expect(call.increments.get('k')).toBeLessThanOrEqual(10);
    expect(new Set(positions).size).toBe(1000);
  });

  it('voids a lease when its window ends: the next request opens a new window at position 1', async () => {
    let t = 1_000_000;
    const { store } = memoryStore();
    const counter = new BatchedRateCounter(store, 60_000, 0, () => t, steadyClock());
    await bursts(counter, 3, 10);
    expect(counter.countFromLease('k', LIMIT)).not.toBeNull();
    t += 60_000;
    expect(counter.countFromLease('k', LIMIT)).toBeNull();
    expect((await counter.count('k', LIMIT)).position).toBe(1);
  });

  it('keeps a lease when a renewal fails (its positions were counted) and fails the requests that waited', async () => {
    let failing = false;
    const { store } = memoryStore({ fail: () => failing });
    const counter = new BatchedRateCounter(store, 60_000, 0, Date.now, steadyClock());
    await bursts(counter, 3, 10);
    failing = true;
    expect(counter.countFromLease('k', LIMIT)).not.toBeNull();
    await expect(counter.count('other', LIMIT)).rejects.toThrow('connection refused');
  });
});

describe('OperatorLimitsService.consume (batched rate counter)', () => {
  it('counts concurrent requests in one store call, each at its exact position in the window', async () => {
    const { store, calls } = memoryStore();
    const limits = service(store, 3);
    const decisions = await Promise.all([1, 2, 3, 4, 5].map(() => limits.consume('op', 'jti-1')));
    expect(calls).toHaveLength(1);
    expect([...calls[0]!.increments]).toEqual([['hub-rate:jti-1', 5]]);
    expect(decisions.map((d) => [d.allowed, d.remaining])).toEqual([[true, 2], [true, 1], [true, 0], [false, 0], [false, 0]]);
    for (const d of decisions) expect(d.limit).toBe(3);
    expect(decisions[0]!.resetSeconds).toBe(60);
    expect(decisions[3]!.resetSeconds).toBe(60);
  });

  it('continues from the count of earlier batches, and keeps tokens apart within one batch', async () => {
    const { store, calls } = memoryStore();
    const limits = service(store, 4);
    expect((await limits.consume('op', 'a')).remaining).toBe(3);
    const [a1, b1, a2] = await Promise.all([limits.consume('op', 'a'), limits.consume('op', 'b'), limits.consume('op', 'a')]);
    expect(calls).toHaveLength(2);
    expect([a1!.remaining, b1!.remaining, a2!.remaining]).toEqual([2, 3, 1]);
  });

  it('starts a new window when the previous one has ended (fixed window from the first request)', async () => {
    let t = 1_000_000;
    const { store } = memoryStore();
    const limits = service(store, 2, () => t);
    await limits.consume('op', 'a');
    t += 30_000;
    await limits.consume('op', 'a');
    const refused = await limits.consume('op', 'a');
    expect(refused).toMatchObject({ allowed: false, remaining: 0, resetSeconds: 30 });
    t += 30_000; // the window opened at the first request ends now
    const next = await limits.consume('op', 'a');
    expect(next).toMatchObject({ allowed: true, remaining: 1, resetSeconds: 60 });
  });

  it('admits exactly the limit among concurrent requests spread over two instances sharing the store', async () => {
    const { store, calls } = memoryStore();
    const hubs = [service(store, 250), service(store, 250)];
    const decisions = await Promise.all(Array.from({ length: 300 }, (_, i) => hubs[i % 2]!.consume('op', 'jti')));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(250);
    // Every position of the window was given once: the remaining counts of the admitted are 0..249.
    expect(decisions.filter((d) => d.allowed).map((d) => d.remaining).sort((x, y) => x - y)).toEqual(Array.from({ length: 250 }, (_, i) => i));
    expect(calls.length).toBeLessThan(10);
  });

  it('decides at once (consumeNow) only for a token holding a lease, with the same headers as consume', async () => {
    const { store } = memoryStore();
    const high = service(store, 1_000_000);
    expect(high.consumeNow('op', 'busy')).toBeNull(); // limits not cached yet, no lease
    // Bursts until this instance holds a lease (its size follows the measured traffic).
    let counted = 0;
    let now = null;
    while (now === null && counted < 1_000) {
      await Promise.all(Array.from({ length: 10 }, () => high.consume('op', 'busy')));
      counted += 10;
      now = high.consumeNow('op', 'busy');
    }
    // One instance hands its positions out in order: this is the next one.
    expect(now).toEqual({ allowed: true, limit: 1_000_000, remaining: 1_000_000 - (counted + 1), resetSeconds: 60 });
    const low = service(store, 250);
    for (let b = 0; b < 3; b++) await Promise.all(Array.from({ length: 10 }, () => low.consume('op', 'calm')));
    expect(low.consumeNow('op', 'calm')).toBeNull();
  });

  it('refreshes a stale operator override with one read in the background, the requests going on with the old figure', async () => {
    const { store } = memoryStore();
    let rate = 100;
    const reads: (() => void)[] = [];
    let readCount = 0;
    const slowRepository = {
      get: async () => {
        readCount += 1;
        if (readCount > 1) await new Promise<void>((resolve) => reads.push(resolve));
        return { ratePerMinute: rate };
      },
    } as unknown as OperatorLimitsRepository;
    const limits = new OperatorLimitsService(store, slowRepository, { ratePerMinute: 250, dailySubjects: 5000 }, 20, 1);
    expect((await limits.consume('op', 'a')).limit).toBe(100);
    rate = 600;
    await new Promise((resolve) => setTimeout(resolve, 40)); // the cached figure is now stale
    // Concurrent requests: one read, still in flight, and nobody waits for it.
    const decisions = await Promise.all(Array.from({ length: 20 }, () => limits.consume('op', 'a')));
    expect(decisions.map((d) => d.limit)).toEqual(Array.from({ length: 20 }, () => 100));
    expect(readCount).toBe(2);
    reads.shift()!();
    await new Promise((resolve) => setImmediate(resolve));
    expect((await limits.consume('op', 'a')).limit).toBe(600);
    expect(readCount).toBe(2);
  });

  it('fails closed: every request of a batch whose store call fails is SERVICE_UNAVAILABLE', async () => {
    const { store } = memoryStore({ fail: () => true });
    const limits = service(store, 10);
    const outcomes = await Promise.allSettled([limits.consume('op', 'a'), limits.consume('op', 'b')]);
    for (const o of outcomes) {
      expect(o.status).toBe('rejected');
      const error = (o as PromiseRejectedResult).reason as HubError;
      expect(error.code).toBe('SERVICE_UNAVAILABLE');
      expect(error.extensions).toMatchObject({ reason: 'rate_limit_store_unavailable' });
    }
  });
});

describe('OperatorLimitsService.admitSubjects (batched quota)', () => {
  const s = (subjectRef: string, purpose = 'p') => ({ subjectRef, purpose });

  it('gathers the newcomers of concurrent requests into one store call per (operator, purpose, day)', async () => {
    const { store, admitCalls } = memoryStore();
    const limits = service(store, 100, Date.now, 2);
    const [r1, r2, r3] = await Promise.all([
      limits.admitSubjects('op', [s('x')]), limits.admitSubjects('op', [s('y'), s('z')]), limits.admitSubjects('op', [s('x', 'other')]),
    ]);
    expect(admitCalls).toEqual([['x', 'y', 'z'], ['x']]);
    expect([...r1!]).toEqual([]);
    expect([...r2!]).toEqual([1]); // z would be the third distinct citizen
    expect([...r3!]).toEqual([]);
  });

  it('remembers admitted subjects (no store call) and refuses a refused one again', async () => {
    const { store, admitCalls } = memoryStore();
    const limits = service(store, 100, Date.now, 1);
    await limits.admitSubjects('op', [s('x'), s('y')]);
    expect(admitCalls).toHaveLength(1);
    expect([...(await limits.admitSubjects('op', [s('x')]))]).toEqual([]);
    expect(admitCalls).toHaveLength(1);
    expect([...(await limits.admitSubjects('op', [s('x'), s('y')]))]).toEqual([1]);
    expect(admitCalls).toHaveLength(2);
  });

  it('starts a new distinct set at each UTC midnight', async () => {
    const { store, admitCalls } = memoryStore();
    const limits = service(store, 100, Date.now, 1);
    expect([...(await limits.admitSubjects('op', [s('x')], new Date('2026-12-01T23:59:59Z')))]).toEqual([]);
    expect([...(await limits.admitSubjects('op', [s('y')], new Date('2026-12-01T23:59:59Z')))]).toEqual([0]);
    expect([...(await limits.admitSubjects('op', [s('y')], new Date('2026-12-02T00:00:00Z')))]).toEqual([]);
    expect([...(await limits.admitSubjects('op', [s('x')], new Date('2026-12-02T08:00:00Z')))]).toEqual([0]);
    expect(admitCalls).toHaveLength(4);
  });

  it('fails closed when the store fails', async () => {
    const { store } = memoryStore({ fail: () => true });
    const limits = service(store, 100);
    await expect(limits.admitSubjects('op', [s('x')])).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
  });
});
