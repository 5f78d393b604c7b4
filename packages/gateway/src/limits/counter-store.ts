import type { Knex } from 'knex';
import { Redis } from 'ioredis';
import { RateLimiterPostgres, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { SubjectQuotaRepository } from '@hub/store';

/**
 * Where the counters shared by every hub instance live: PostgreSQL (the hub's own database, the
 * default) or Redis (`REDIS_URL`). Both the request rate (rate-limiter-flexible) and the daily
 * distinct-citizen sets go to the same place.
 */
export type CounterStore = {
  kind: 'postgres' | 'redis';
  /** A fixed-window limiter of `points` requests a minute, keys shared by every limiter of this store. */
  rateLimiter(points: number): RateLimiterAbstract;
  /** Admits subject pseudonyms to the day's distinct set of (operator, purpose) under `limit`; returns the refused ones. */
  admitSubjects(operatorId: string, purpose: string, day: string, subjectRefs: readonly string[], limit: number): Promise<Set<string>>;
  close(): Promise<void>;
};

const KEY_PREFIX = 'hub-rate';

/**
 * rate-limiter-flexible's PostgreSQL limiter over the hub's knex (pg pool or PGlite alike): the
 * limiter sends `pg`-style `{text, values}` queries with `$n` parameters, rewritten here to knex
 * bindings. The table comes from a migration (`rate_limit_counters`), not from the library.
 */
export function postgresCounterStore(knex: Knex, quota: SubjectQuotaRepository): CounterStore {
  const client = {
    query: async (q: { text: string; values?: unknown[] }) => {
      const bindings: unknown[] = [];
      const sql = q.text.replace(/\$(\d+)/g, (_, n: string) => {
        bindings.push(q.values?.[Number(n) - 1] ?? null);
        return '?';
      });
      const result = await knex.raw(sql, bindings as Knex.RawBinding[]);
      return { rows: (result as { rows?: unknown[] }).rows ?? [] };
    },
  };
  const limiters = new Map<number, RateLimiterAbstract>();
  // Expired windows are overwritten on the next request; rows of idle tokens are swept hourly.
  const sweep = setInterval(() => {
    knex('rate_limit_counters').where('expire', '<', Date.now() - 3_600_000).delete().catch(() => undefined);
  }, 3_600_000);
  sweep.unref();
  return {
    kind: 'postgres',
    rateLimiter(points) {
      let limiter = limiters.get(points);
      if (!limiter) {
        limiter = new RateLimiterPostgres({
          storeClient: client, storeType: 'client', tableName: 'rate_limit_counters', tableCreated: true,
          clearExpiredByTimeout: false, keyPrefix: KEY_PREFIX, points, duration: 60,
        });
        limiters.set(points, limiter);
      }
      return limiter;
    },
    admitSubjects: (operatorId, purpose, day, refs, limit) => quota.admit(operatorId, purpose, day, refs, limit),
    close: async () => clearInterval(sweep),
  };
}

/**
 * Redis: rate-limiter-flexible's Redis limiter, and one set per (operator, purpose, day) for the
 * distinct citizens (SADD, SCARD, SREM of the newcomers over the limit; kept two days). No offline
 * queue: when Redis is unreachable a command fails at once, and the caller fails closed.
 */
export async function redisCounterStore(url: string): Promise<CounterStore> {
  // disconnectTimeout: ioredis's disconnect() waits (2 s by default, on a ref'd timer) for a `close`
  // event that a socket already destroyed by a failed connection never emits again, which kept the
  // process alive after close() whenever Redis was down. The default retryStrategy is bounded
  // (at most 2 s between attempts) and stops at disconnect().
  const options = { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2_000, lazyConnect: true, disconnectTimeout: 0 };
  const redis = new Redis(url, options);
  redis.on('error', () => undefined); // reported per request as SERVICE_UNAVAILABLE
  await redis.connect().catch(() => undefined);
  const limiters = new Map<number, RateLimiterAbstract>();
  return {
    kind: 'redis',
    rateLimiter(points) {
      let limiter = limiters.get(points);
      if (!limiter) {
        limiter = new RateLimiterRedis({ storeClient: redis, keyPrefix: KEY_PREFIX, points, duration: 60, rejectIfRedisNotReady: true });
        limiters.set(points, limiter);
      }
      return limiter;
    },
    async admitSubjects(operatorId, purpose, day, refs, limit) {
      const refused = new Set<string>();
      const unique = [...new Set(refs)];
      if (unique.length === 0) return refused;
      const key = `hub-subjects:${operatorId}:${day}:${purpose}`;
      const multi = redis.multi();
      for (const ref of unique) multi.sadd(key, ref);
      multi.scard(key).expire(key, 2 * 86_400);
      const replies = (await multi.exec()) ?? [];
      for (const [error] of replies) if (error) throw error;
      const added = unique.filter((_, i) => replies[i]?.[1] === 1);
      const count = Number(replies[unique.length]?.[1] ?? 0);
      const over = count - limit;
      if (over <= 0 || added.length === 0) return refused;
      const excess = added.slice(-Math.min(over, added.length));
      await redis.srem(key, ...excess);
      for (const ref of excess) refused.add(ref);
      return refused;
    },
    close: async () => {
      // A live connection ends gracefully (QUIT); otherwise stop the reconnection attempts at once.
      if (redis.status === 'ready') await redis.quit().catch(() => redis.disconnect());
      else redis.disconnect();
    },
  };
}
