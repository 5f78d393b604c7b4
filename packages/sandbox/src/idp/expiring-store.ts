/**
 * An in-memory map whose entries expire, used for authorization codes and access tokens.
 *
 * `take` removes the entry it returns, which is what makes authorization codes one-time
 * (RFC 6749 §4.1.2). Expired entries are swept on every write so the map cannot grow without
 * bound when codes are issued and never redeemed.
 *
 * State lives in the process: the sandbox IdP is a development tool run as a single instance.
 */
export class ExpiringStore<T> {
  readonly #entries = new Map<string, { value: T; expiresAt: number }>();
  readonly #now: () => number;

  constructor(now: () => number) {
    this.#now = now;
  }

  set(key: string, value: T, ttlMs: number): void {
    const now = this.#now();
    for (const [k, entry] of this.#entries) {
      if (entry.expiresAt <= now) this.#entries.delete(k);
    }
    this.#entries.set(key, { value, expiresAt: now + ttlMs });
  }

  /** Returns the live value without removing it. */
  get(key: string): T | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.#now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /** Returns the value and removes it, whether live or expired: a key can be taken once. */
  take(key: string): { value: T; expired: boolean } | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    this.#entries.delete(key);
    return { value: entry.value, expired: entry.expiresAt <= this.#now() };
  }
}
