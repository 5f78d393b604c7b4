import { describe, expect, it } from '@jest/globals';
import { HubError } from '@hub/core';
import type { OperatorLimitsRepository } from '@hub/store';
import type { CounterState, CounterStore } from './counter-store.js';
import { BatchedRateCounter, ordersInBatch } from './batched-rate-counter.js';
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
