import { LRUCache } from 'lru-cache';
import { RateLimiterRes } from 'rate-limiter-flexible';
import { HubError } from '@hub/core';
import type { OperatorLimitsRepository } from '@hub/store';
import type { CounterStore } from './counter-store.js';

export type LimitDefaults = { ratePerMinute: number; dailySubjects: number };

/** The outcome of one request against its token's rate: the `RateLimit-*` header values. */
export type RateDecision = { allowed: boolean; limit: number; remaining: number; resetSeconds: number };

/** One verified consent as the quota sees it: the journal's subject pseudonym and the purpose. */
export type QuotaSubject = { subjectRef: string; purpose: string };

/** Seconds a client should wait when the counter store is unreachable. */
const STORE_RETRY_AFTER = 5;

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
 * figures. A subject admitted today is remembered in this process (it stays admitted all day),
 * so repeated reads of one citizen cost no store round trip.
 */
export class OperatorLimitsService {
  private readonly overrides: LRUCache<string, { ratePerMinute: number; dailySubjects: number }>;
  private readonly admitted = new LRUCache<string, true>({ max: 100_000 });

  constructor(
    private readonly store: CounterStore,
    private readonly repository: OperatorLimitsRepository,
    private readonly defaults: LimitDefaults,
    cacheMs = 5_000,
  ) {
    this.overrides = new LRUCache({ max: 10_000, ttl: cacheMs });
  }

  /** Counts one request of `jti` (operator `operatorId`); throws SERVICE_UNAVAILABLE when the store fails. */
  async consume(operatorId: string, jti: string): Promise<RateDecision> {
    const { ratePerMinute } = await this.limitsOf(operatorId);
    let res: RateLimiterRes;
    try {
      res = await this.store.rateLimiter(ratePerMinute).consume(jti, 1);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw counterStoreUnavailable();
      res = rejection;
      return { allowed: false, limit: ratePerMinute, remaining: 0, resetSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)) };
    }
    return { allowed: true, limit: ratePerMinute, remaining: res.remainingPoints, resetSeconds: Math.max(0, Math.ceil(res.msBeforeNext / 1000)) };
  }

  /**
   * Admits the subjects of one request to the operator's daily quota, per purpose; returns the
   * indexes refused (over the quota). Throws SERVICE_UNAVAILABLE when the store fails.
   */
  async admitSubjects(operatorId: string, subjects: readonly QuotaSubject[], now = new Date()): Promise<Set<number>> {
    const day = now.toISOString().slice(0, 10);
    const key = (s: QuotaSubject) => `${operatorId}\n${s.purpose}\n${day}\n${s.subjectRef}`;
    const byPurpose = new Map<string, string[]>();
    for (const s of subjects) {
      if (this.admitted.has(key(s))) continue;
      const refs = byPurpose.get(s.purpose) ?? [];
      refs.push(s.subjectRef);
      byPurpose.set(s.purpose, refs);
    }
    const refusedIndexes = new Set<number>();
    if (byPurpose.size === 0) return refusedIndexes;
    const { dailySubjects } = await this.limitsOf(operatorId);
    for (const [purpose, refs] of byPurpose) {
      let refused: Set<string>;
      try {
        refused = await this.store.admitSubjects(operatorId, purpose, day, refs, dailySubjects);
      } catch {
        throw counterStoreUnavailable();
      }
      subjects.forEach((s, i) => {
        if (s.purpose !== purpose) return;
        if (refused.has(s.subjectRef)) refusedIndexes.add(i);
        else this.admitted.set(key(s), true);
      });
    }
    return refusedIndexes;
  }

  private async limitsOf(operatorId: string): Promise<{ ratePerMinute: number; dailySubjects: number }> {
    const hit = this.overrides.get(operatorId);
    if (hit) return hit;
    let stored;
    try {
      stored = await this.repository.get(operatorId);
    } catch {
      throw counterStoreUnavailable();
    }
    const limits = { ratePerMinute: stored.ratePerMinute ?? this.defaults.ratePerMinute, dailySubjects: stored.dailySubjects ?? this.defaults.dailySubjects };
    this.overrides.set(operatorId, limits);
    return limits;
  }
}

/** Seconds until the next UTC midnight (when the daily quota starts again). */
export function secondsToUtcMidnight(now = new Date()): number {
  const next = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
  return Math.max(1, Math.ceil((next - now.getTime()) / 1000));
}
