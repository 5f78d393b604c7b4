/**
 * A retry budget (the shape of Finagle's RetryBudget): over a sliding window, retries may not
 * exceed `rate` × the calls made plus `minPerSecond` × the window in seconds. A failing upstream
 * under load then sees at most `1 + rate` times its normal traffic instead of twice it, while a
 * quiet source keeps its one retry for an occasional 503.
 */
export class RetryBudget {
  private readonly bucketMs: number;
  private readonly calls: number[];
  private readonly retries: number[];
  private current = 0;
  private currentStartedAt = 0;
  private totalCalls = 0;
  private totalRetries = 0;
  private readonly reserve: number;

  constructor(
    private readonly opts: { rate: number; minPerSecond: number; windowMs: number; now?: () => number },
  ) {
    const buckets = 10;
    this.bucketMs = Math.max(1, Math.round(opts.windowMs / buckets));
    this.calls = new Array<number>(buckets).fill(0);
    this.retries = new Array<number>(buckets).fill(0);
    this.reserve = opts.minPerSecond * (opts.windowMs / 1000);
  }

  /** Counts one call (its first attempt). */
  recordCall(): void {
    this.advance();
    this.calls[this.current]! += 1;
    this.totalCalls += 1;
  }

  /** Takes one retry from the budget; false when the budget is spent (then do not retry). */
  tryRetry(): boolean {
    this.advance();
    if (this.totalRetries + 1 > this.opts.rate * this.totalCalls + this.reserve) return false;
    this.retries[this.current]! += 1;
    this.totalRetries += 1;
    return true;
  }

  private advance(): void {
    const now = (this.opts.now ?? Date.now)();
    let steps = Math.floor((now - this.currentStartedAt) / this.bucketMs);
    if (steps <= 0) return;
    steps = Math.min(steps, this.calls.length);
    for (let i = 0; i < steps; i++) {
      this.current = (this.current + 1) % this.calls.length;
      this.totalCalls -= this.calls[this.current]!;
      this.totalRetries -= this.retries[this.current]!;
      this.calls[this.current] = 0;
      this.retries[this.current] = 0;
    }
    this.currentStartedAt = now - ((now - this.currentStartedAt) % this.bucketMs);
  }
}
