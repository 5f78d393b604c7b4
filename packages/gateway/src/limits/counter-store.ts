import type { Knex } from 'knex';
import { Redis } from 'ioredis';
import { namedQuery, type NamedStatement, type SubjectQuotaRepository } from '@hub/store';

/** A counter after one batch's increments: its total and when its window ends (epoch ms). */
export type CounterState = { points: number; expiresAt: number };

/**
 * Where the counters shared by every hub instance live: PostgreSQL (the hub's own database, the
 * default) or Redis (`REDIS_URL`). Both the request rate and the daily distinct-citizen sets go to
 * the same place. Callers batch: one `increment` serves every request of a paced batch.
 */
export type CounterStore = {
  kind: 'postgres' | 'redis';
  /**
   * Adds each key's increment to its fixed window of `windowMs` (a window starts at the first
   * increment after the previous one ended, as rate-limiter-flexible's fixed windows do) in one
   * round trip, atomically per key; returns each key's total after this increment.
   */
  increment(increments: ReadonlyMap<string, number>, windowMs: number, now: number): Promise<Map<string, CounterState>>;
  /** Admits subject pseudonyms to the day's distinct set of (operator, purpose) under `limit`; returns the refused ones. */
  admitSubjects(operatorId: string, purpose: string, day: string, subjectRefs: readonly string[], limit: number): Promise<Set<string>>;
  close(): Promise<void>;
};

/**
 * One upsert for a whole batch (rate_limit_counters keeps rate-limiter-flexible's layout: key,
 * points, expire in epoch ms). The increments travel as one JSON object `{key: n}` (knex.raw, the
 * PGlite path, would expand array parameters into lists). Keys are sorted so that two instances
 * upserting overlapping key sets lock the rows in the same order (no deadlock).
 */
const INCREMENT: NamedStatement = {
  name: 'hub_rate_limit_increment',
  text: `with p as (select $1::bigint as now_ms, $2::bigint as window_ms)
insert into rate_limit_counters as c (key, points, expire)
select key, value::int, p.now_ms + p.window_ms from p, jsonb_each_text($3::jsonb) order by key
on conflict (key) do update set
  points = case when c.expire > (select now_ms from p) then c.points + excluded.points else excluded.points end,
  expire = case when c.expire > (select now_ms from p) then c.expire else excluded.expire end
returning key, points, expire`,
};

/** PostgreSQL: counters in `rate_limit_counters` (a migration), distinct citizens in `subject_quota_uses`. */
export function postgresCounterStore(knex: Knex, quota: SubjectQuotaRepository): CounterStore {
  // Expired windows are overwritten on the next request; rows of idle tokens are swept hourly.
  const sweep = setInterval(() => {
    knex('rate_limit_counters').where('expire', '<', Date.now() - 3_600_000).delete().catch(() => undefined);
  }, 3_600_000);
  sweep.unref();
  return {
    kind: 'postgres',
    async increment(increments, windowMs, now) {
      const rows = await namedQuery<{ key: string; points: number; expire: string | number }>(
        knex, INCREMENT, [now, windowMs, JSON.stringify(Object.fromEntries(increments))]);
      return new Map(rows.map((r) => [r.key, { points: Number(r.points), expiresAt: Number(r.expire) }]));
    },
    admitSubjects: (operatorId, purpose, day, refs, limit) => quota.admit(operatorId, purpose, day, refs, limit),
    close: async () => clearInterval(sweep),
  };
}

/**
 * Redis: one MULTI per batch (per key: SET NX PX to open the window, INCRBY, PTTL — the commands
 * rate-limiter-flexible's Redis limiter sends), and one set per (operator, purpose, day) for the
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
  return {
    kind: 'redis',
    async increment(increments, windowMs, now) {
      if (redis.status !== 'ready') throw new Error('Redis is not ready');
      const keys = [...increments.keys()];
      const multi = redis.multi();
      for (const key of keys) multi.set(key, 0, 'PX', windowMs, 'NX').incrby(key, increments.get(key)!).pttl(key);
      const replies = (await multi.exec()) ?? [];
      for (const [error] of replies) if (error) throw error;
      return new Map(keys.map((key, i) => {
        const ttl = Number(replies[3 * i + 2]?.[1]);
        return [key, { points: Number(replies[3 * i + 1]?.[1]), expiresAt: now + (ttl >= 0 ? ttl : windowMs) }];
      }));
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
