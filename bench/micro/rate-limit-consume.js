/**
 * Micro-benchmark of the rate-limit counter path alone: OperatorLimitsService.consume (the per-token
 * rate counted in the shared counter store) driven by N concurrent loops, one consume per event-loop
 * turn with ~RATE_BENCH_WORK_US of simulated request work (subtracted), as in the end-to-end
 * benchmark. Prints consumes/s, this process's CPU per consume and the PostgreSQL CPU per consume
 * (every `postgres` process of the machine, from /proc: another client of the server counts too).
 *
 *   npx tsc -b && node bench/micro/rate-limit-consume.js
 *
 * | variable | default | meaning |
 * |---|---|---|
 * | `RATE_BENCH_SECONDS` | 5 | length of one sample |
 * | `RATE_BENCH_SAMPLES` | 3 | samples (the median is printed last) |
 * | `RATE_BENCH_CONCURRENCY` | 50 | concurrent loops |
 * | `RATE_BENCH_TOKENS` | 1 | distinct tokens the loops share (the bench's hub uses one) |
 * | `RATE_BENCH_WORK_US` | 150 | simulated request CPU per consume (0: back to back) |
 * | `RATE_BENCH_LIMITS` | the built gateway's `dist/limits/` | folder of another build's limits (to compare) |
 * | `REDIS_URL` | unset | measure the Redis store instead of PostgreSQL |
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { openDatabase, migrateLatest, createStore } from '@hub/store';
import { postgresCpuMicros } from '../lib/process-cpu.js';

const env = process.env;
const seconds = Number(env.RATE_BENCH_SECONDS ?? 5);
const samples = Math.max(1, Number(env.RATE_BENCH_SAMPLES ?? 3));
const concurrency = Math.max(1, Number(env.RATE_BENCH_CONCURRENCY ?? 50));
const tokens = Array.from({ length: Math.max(1, Number(env.RATE_BENCH_TOKENS ?? 1)) }, () => randomUUID());
const workUs = Math.max(0, Number(env.RATE_BENCH_WORK_US ?? 150));
const url = env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const limitsDir = env.RATE_BENCH_LIMITS
  ? pathToFileURL(`${env.RATE_BENCH_LIMITS.replace(/\/$/, '')}/`).href
  : new URL('../../packages/gateway/dist/limits/', import.meta.url).href;
const { postgresCounterStore, redisCounterStore } = await import(new URL('counter-store.js', limitsDir).href);
const { OperatorLimitsService } = await import(new URL('operator-limits.js', limitsDir).href);

let sink = 0;
function work(n) { let x = sink; for (let i = 0; i < n; i++) x = (x * 1103515245 + 12345) % 2147483647; sink = x; }
let iterations = 0;
if (workUs > 0) {
  work(1e6);
  const c0 = process.cpuUsage(); work(2e7); const c = process.cpuUsage(c0);
  iterations = Math.max(1, Math.round((2e7 * workUs) / (c.user + c.system)));
}
let workCpu = 0;
const turn = () => new Promise((resolve) => setImmediate(resolve));

async function sample(limits, ms) {
  let stop = false; let done = 0; let failures = 0;
  const deadline = performance.now() + ms;
  const loop = async (i) => {
    while (!stop) {
      if (performance.now() >= deadline) { stop = true; break; }
      await turn();
      if (workUs > 0) { const c0 = process.cpuUsage(); work(iterations); const c = process.cpuUsage(c0); workCpu += c.user + c.system; }
      try {
        const d = await limits.consume('op', tokens[i % tokens.length]);
        if (!d.allowed) failures += 1;
        done += 1;
      } catch (error) { failures += 1; if (failures === 1) console.error(error); }
    }
  };
  const w0 = workCpu; const c0 = process.cpuUsage(); const pg0 = postgresCpuMicros(); const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, (_, i) => loop(i)));
  const s = (performance.now() - t0) / 1000; const c = process.cpuUsage(c0); const pg1 = postgresCpuMicros();
  return { perS: done / s, cpu: (c.user + c.system - (workCpu - w0)) / done, pg: pg0 === null ? NaN : (pg1 - pg0) / done, failures };
}

const schema = `bench_rate_${randomBytes(4).toString('hex')}`;
const db = await openDatabase({ kind: 'pg', url, schema });
let code = 0;
try {
  await migrateLatest(db.knex, fileURLToPath(new URL('../../migrations/', import.meta.url)));
  const store = createStore(db);
  const counters = env.REDIS_URL ? await redisCounterStore(env.REDIS_URL) : postgresCounterStore(db.knex, store.subjectQuota);
  const limits = new OperatorLimitsService(counters, { get: async () => ({}) }, { ratePerMinute: 1e9, dailySubjects: 5000 });
  console.log(`rate-limit consume micro-benchmark: ${counters.kind} (${env.REDIS_URL ?? `schema ${schema}`}); limits from ${fileURLToPath(limitsDir)}; ${concurrency} loops, ${tokens.length} token(s), ~${workUs} µs work per consume`);
  await sample(limits, 2000);
  const rs = [];
  for (let i = 0; i < samples; i++) {
    const r = await sample(limits, seconds * 1000);
    rs.push(r);
    console.log(`sample ${i + 1}: ${r.perS.toFixed(0).padStart(6)} consumes/s  hub CPU ${r.cpu.toFixed(1).padStart(6)} µs/consume  PostgreSQL CPU ${r.pg.toFixed(1).padStart(6)} µs/consume  (${r.failures} failed)`);
    if (r.failures > 0) code = 1;
  }
  const med = (k) => rs.map((r) => r[k]).sort((a, b) => a - b)[Math.floor(rs.length / 2)];
  console.log(`median:   ${med('perS').toFixed(0).padStart(6)} consumes/s  hub CPU ${med('cpu').toFixed(1).padStart(6)} µs/consume  PostgreSQL CPU ${med('pg').toFixed(1).padStart(6)} µs/consume`);
  await counters.close();
} finally {
  await db.knex.raw(`drop schema if exists "${schema}" cascade`).catch(() => undefined);
  await db.close();
}
process.exit(code);
