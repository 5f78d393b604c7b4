import { LRUCache } from 'lru-cache';
import { HubError } from '@hub/core';
import type { OperatorLimitsRepository } from '@hub/store';
import type { CounterStore } from './counter-store.js';
import { BatchedRateCounter, type CountedRequest } from './batched-rate-counter.js';
import { BatchedSubjectAdmissions } from './batched-subject-admissions.js';

export type LimitDefaults = { ratePerMinute: number; dailySubjects: number };

/** An operator's limits in force (its overrides, else the defaults). */
type OperatorLimits = LimitDefaults;

/** The outcome of one request against its token's rate: the `RateLimit-*` header values. */
export type RateDecision = { allowed: boolean; limit: number; remaining: number; resetSeconds: number };

/** One verified consent as the quota sees it: the journal's subject pseudonym and the purpose. */
export type QuotaSubject = { subjectRef: string; purpose: string };

/** Seconds a client should wait when the counter store is unreachable. */
const STORE_RETRY_AFTER = 5;

/** The rate's fixed window (the limit is "requests a minute"). */
const RATE_WINDOW_MS = 60_000;

/** Counter keys of the rate (rate-limiter-flexible's key layout, kept so existing rows still count). */
const RATE_KEY_PREFIX = 'hub-rate:';

/** Fail closed: no personal data without a working counter (the anti-scraping guard). */
export function counterStoreUnavailable(): HubError {
  return new HubError('SERVICE_UNAVAILABLE', 'The rate-limit counter store is unreachable: no data is served until it answers again.', {
    reason: 'rate_limit_store_unavailable', retryAfter: STORE_RETRY_AFTER,
  });
}

/**
 * Rate limit per operator token (requests a minute, fixed window) and daily distinct-citizen quota
 * per operator and purpose (UTC day), with per-operator overrides (`hub operator limits`) read at
 * most every `cacheMs`. Counters live in the shared CounterStore, so every instance sees the same
 * figures; the counts of concurrent requests go to the store in one round trip per paced batch
 * (`batchIntervalMs`), each request learning its exact position in its token's window. A subject
 * admitted today is remembered in this process (it stays admitted all day), so repeated reads of
 * one citizen cost no store round trip.
 */
export class OperatorLimitsService {
  private readonly overrides: LRUCache<string, OperatorLimits>;
  private readonly admitted = new LRUCache<string, true>({ max: 100_000 });
  private readonly rate: BatchedRateCounter;
  private readonly subjects: BatchedSubjectAdmissions;
  private dayStart = Number.NEGATIVE_INFINITY;
  private dayText = '';

  constructor(
    store: CounterStore,
    repository: OperatorLimitsRepository,
    defaults: LimitDefaults,
    cacheMs = 5_000,
    batchIntervalMs = 1,
    private readonly now: () => number = Date.now,
  ) {
    // Read at most every `cacheMs`, refreshed in the background: once the entry is stale the
    // requests go on with it while one read (lru-cache's fetch, single-flight) brings the new
    // figures, instead of every concurrent request reading the database at once.
    this.overrides = new LRUCache<string, OperatorLimits>({
      max: 10_000, ttl: cacheMs, allowStale: true, noDeleteOnStaleGet: true, allowStaleOnFetchRejection: true,
      fetchMethod: async (operatorId) => {
        const stored = await repository.get(operatorId);
        return { ratePerMinute: stored.ratePerMinute ?? defaults.ratePerMinute, dailySubjects: stored.dailySubjects ?? defaults.dailySubjects };
      },
    });
    this.rate = new BatchedRateCounter(store, RATE_WINDOW_MS, batchIntervalMs, now);
    this.subjects = new BatchedSubjectAdmissions(store, batchIntervalMs);
  }

  /**
   * Counts one request of `jti` (operator `operatorId`); throws SERVICE_UNAVAILABLE when the store
   * fails. Refused requests count too (as rate-limiter-flexible's did): a client hammering past the
   * limit does not get its next window any sooner.
   */
  async consume(operatorId: string, jti: string): Promise<RateDecision> {
    const { ratePerMinute } = await this.limitsOf(operatorId);
    let counted;
    try {
      counted = await this.rate.count(RATE_KEY_PREFIX + jti, ratePerMinute);
    } catch {
      throw counterStoreUnavailable();
    }
    return this.decide(counted, ratePerMinute);
  }

  /**
   * consume() without waiting, when it can be decided here and now: the operator's limits are
   * cached and this instance holds a lease of the token's window (a high-rate token far from its
   * limit, see BatchedRateCounter). Null when nothing was counted: call consume().
   */
  consumeNow(operatorId: string, jti: string): RateDecision | null {
    const limits = this.overrides.get(operatorId);
    if (!limits) return null;
    if (this.overrides.getRemainingTTL(operatorId) <= 0) this.overrides.fetch(operatorId).catch(() => undefined);
    const counted = this.rate.countFromLease(RATE_KEY_PREFIX + jti, limits.ratePerMinute);
    return counted ? this.decide(counted, limits.ratePerMinute) : null;
  }

  private decide(counted: CountedRequest, ratePerMinute: number): RateDecision {
    const resetMs = counted.expiresAt - this.now();
    if (counted.position > ratePerMinute) {
      return { allowed: false, limit: ratePerMinute, remaining: 0, resetSeconds: Math.max(1, Math.ceil(resetMs / 1000)) };
    }
    return { allowed: true, limit: ratePerMinute, remaining: ratePerMinute - counted.position, resetSeconds: Math.max(0, Math.ceil(resetMs / 1000)) };
  }

  /**
   * Admits the subjects of one request to the operator's daily quota, per purpose; returns the
   * indexes refused (over the quota). Throws SERVICE_UNAVAILABLE when the store fails.
   */
  async admitSubjects(operatorId: string, subjects: readonly QuotaSubject[], now?: Date): Promise<Set<number>> {
    const day = this.utcDay(now?.getTime() ?? this.now());
    const key = (s: QuotaSubject) => `${operatorId}\n${s.purpose}\n${day}\n${s.subjectRef}`;
    const refusedIndexes = new Set<number>();
    // The common case (every subject already admitted today) costs one memo lookup per subject.
    const pending: number[] = [];
    for (let i = 0; i < subjects.length; i++) if (!this.admitted.has(key(subjects[i]!))) pending.push(i);
    if (pending.length === 0) return refusedIndexes;
    const { dailySubjects } = await this.limitsOf(operatorId);
    const outcomes = await Promise.allSettled(pending.map((i) => this.subjects.admit({
      operatorId, purpose: subjects[i]!.purpose, day, subjectRef: subjects[i]!.subjectRef, limit: dailySubjects,
    })));
    if (outcomes.some((o) => o.status === 'rejected')) throw counterStoreUnavailable();
    outcomes.forEach((o, k) => {
      const i = pending[k]!;
      if (o.status === 'fulfilled' && o.value) this.admitted.set(key(subjects[i]!), true);
      else refusedIndexes.add(i);
    });
    return refusedIndexes;
  }

  /** The UTC day of `ms` as YYYY-MM-DD, formatted once a day. */
  private utcDay(ms: number): string {
    if (ms < this.dayStart || ms >= this.dayStart + 86_400_000) {
      this.dayStart = ms - (ms % 86_400_000);
      this.dayText = new Date(this.dayStart).toISOString().slice(0, 10);
    }
    return this.dayText;
  }

  /** The operator's limits in force: cached, or stale while one read refreshes them; the first read waits. */
  private async limitsOf(operatorId: string): Promise<OperatorLimits> {
    let limits;
    try {
      limits = await this.overrides.fetch(operatorId);
    } catch {
      throw counterStoreUnavailable();
    }
    if (!limits) throw counterStoreUnavailable();
    return limits;
  }
}

/** Seconds until the next UTC midnight (when the daily quota starts again). */
export function secondsToUtcMidnight(now = new Date()): number {
  const next = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
  return Math.max(1, Math.ceil((next - now.getTime()) / 1000));
}
