import { describe, expect, it } from '@jest/globals';
import { ConcurrencyGate, GateRefusedError } from './concurrency-gate.js';

describe('ConcurrencyGate', () => {
  it('holds at most maxConcurrent, queues first come first served, refuses beyond the queue at once', async () => {
    const gate = new ConcurrencyGate(1, 1);
    const first = await gate.acquire(1_000);
    const order: string[] = [];
    const second = gate.acquire(1_000).then((release) => { order.push('second'); return release; });
    await expect(gate.acquire(1_000)).rejects.toEqual(new GateRefusedError('queue_full'));
    expect(gate.queued).toBe(1);
    first();
    first(); // releasing twice frees one slot only
    (await second)();
    expect(order).toEqual(['second']);
    expect(gate.inFlight).toBe(0);
  });

  it('refuses a waiter whose wait runs out, and forgets it', async () => {
    const gate = new ConcurrencyGate(1, 10);
    const held = await gate.acquire(0);
    await expect(gate.acquire(20)).rejects.toMatchObject({ why: 'queue_timeout' });
    expect(gate.queued).toBe(0);
    held();
    expect(gate.inFlight).toBe(0);
  });
});

describe('ConcurrencyGate, expected wait', () => {
  it('refuses at once a call that would wait longer than allowed, judging by how long slots are held', async () => {
    const gate = new ConcurrencyGate(1, 100);
    const first = await gate.acquire(0);
    await new Promise((resolve) => setTimeout(resolve, 60));
    first(); // slots are held ~60 ms
    const held = await gate.acquire(0);
    const started = performance.now();
    // One call ahead would wait ~60 ms: allowed within 1 s, refused at once within 20 ms.
    await expect(gate.acquire(20)).rejects.toMatchObject({ why: 'queue_full' });
    expect(performance.now() - started).toBeLessThan(10);
    const waiting = gate.acquire(1_000);
    held();
    (await waiting)();
  });
});
