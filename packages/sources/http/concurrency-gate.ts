/** Thrown when a call gets no concurrency slot: the queue is full, or the wait ran out. */
export class GateRefusedError extends Error {
  constructor(readonly why: 'queue_full' | 'queue_timeout') {
    super(why === 'queue_full' ? 'concurrency queue full' : 'no concurrency slot in time');
    this.name = 'GateRefusedError';
  }
}

type Waiter = { grant(): void; timer: NodeJS.Timeout };

/**
 * A concurrency cap with a bounded, first-come first-served queue and a bounded wait. Waiting
 * here is the hub's own queueing, not the upstream's slowness: the client runs the circuit
 * breaker and the attempt timeout only once a slot is held (docs/contract.md#upstreams).
 */
export class ConcurrencyGate {
  private running = 0;
  private readonly queue: Waiter[] = [];
  /** Moving average of how long a slot is held (ms); 0 until a first slot is released. */
  private holdMs = 0;

  constructor(
    private readonly maxConcurrent: number,
    private readonly queueLimit: number,
  ) {}

  get inFlight(): number {
    return this.running;
  }

  get queued(): number {
    return this.queue.length;
  }

  /**
   * Resolves with a release function once a slot is held. Rejects with GateRefusedError at once
   * when `queueLimit` calls already wait, or when the expected wait (the calls ahead, over the
   * slots, times the average hold) exceeds `maxWaitMs`; otherwise after `maxWaitMs` without a slot.
   */
  acquire(maxWaitMs: number): Promise<() => void> {
    if (this.running < this.maxConcurrent) {
      this.running += 1;
      return Promise.resolve(this.releaser());
    }
    if (this.queue.length >= this.queueLimit || maxWaitMs <= 0) return Promise.reject(new GateRefusedError('queue_full'));
    const expectedWaitMs = ((this.queue.length + 1) / this.maxConcurrent) * this.holdMs;
    if (expectedWaitMs > maxWaitMs) return Promise.reject(new GateRefusedError('queue_full'));
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        grant: () => {
          clearTimeout(waiter.timer);
          resolve(this.releaser());
        },
        timer: setTimeout(() => {
          const i = this.queue.indexOf(waiter);
          if (i >= 0) this.queue.splice(i, 1);
          reject(new GateRefusedError('queue_timeout'));
        }, maxWaitMs),
      };
      this.queue.push(waiter);
    });
  }

  private releaser(): () => void {
    let released = false;
    const heldFrom = performance.now();
    return () => {
      if (released) return;
      released = true;
      const held = performance.now() - heldFrom;
      this.holdMs = this.holdMs === 0 ? held : this.holdMs * 0.9 + held * 0.1;
      // The slot passes straight to the first waiter: `running` stays the same.
      const next = this.queue.shift();
      if (next) next.grant();
      else this.running -= 1;
    };
  }
}
