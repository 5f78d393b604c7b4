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
   * Resolves with a release function once a slot is held; rejects with GateRefusedError at once
   * when `queueLimit` calls already wait, or after `maxWaitMs` without a slot.
   */
  acquire(maxWaitMs: number): Promise<() => void> {
    if (this.running < this.maxConcurrent) {
      this.running += 1;
      return Promise.resolve(this.releaser());
    }
    if (this.queue.length >= this.queueLimit || maxWaitMs <= 0) return Promise.reject(new GateRefusedError('queue_full'));
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
    return () => {
      if (released) return;
      released = true;
      // The slot passes straight to the first waiter: `running` stays the same.
      const next = this.queue.shift();
      if (next) next.grant();
      else this.running -= 1;
    };
  }
}
