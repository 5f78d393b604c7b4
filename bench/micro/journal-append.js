/**
 * Micro-benchmark of the journal write path alone: a JournalWriter (group commit) driven by N
 * concurrent loops, each appending ONE realistic entry per call (what the gateway's journal plugin
 * does per request), for a fixed time. Prints entries/s, this process's CPU per entry
 * (process.cpuUsage, user + system) and the average batch size.
 *
 *   npx tsc -b && node bench/micro/journal-append.js
 *
 * Database: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) in a fresh schema
 * dropped at the end, or an in-memory PGlite if PostgreSQL does not answer (then the figures say
 * little about production: one connection, WASM, whose PostgreSQL CPU counts as this process's).
 *
 * The figures include the harness: about 2 µs per entry without simulated work and 12 µs with
 * 150 µs of it, measured here with a writer stub that answers after 1 ms without a database.
 * Absolute figures drift a lot on small shared machines; compare builds by alternating runs
 * (JOURNAL_BENCH_STORE), not across sessions.
 *
 * | variable | default | meaning |
 * |---|---|---|
 * | `JOURNAL_BENCH_SECONDS` | 5 | length of one sample |
 * | `JOURNAL_BENCH_SAMPLES` | 3 | samples (the median is printed last) |
 * | `JOURNAL_BENCH_WARMUP_SECONDS` | 2 | warm-up before the first sample |
 * | `JOURNAL_BENCH_CONCURRENCY` | 50 | concurrent append loops |
 * | `JOURNAL_BENCH_POOL_MAX` | 10 | knex pool size on PostgreSQL (the hub's default) |
 * | `JOURNAL_BENCH_WORK_US` | 0 | simulated request CPU per append: each loop waits for its own event-loop turn (one loop per turn, like requests arriving on sockets), does about this much arithmetic, then appends. 0: the loops append back to back (batches fill up to the concurrency). ~150 gives the small batches of the end-to-end benchmark. The work's CPU (measured around each call) is subtracted from the figure |
 * | `JOURNAL_BENCH_STORE` | `@hub/store` | module to import instead (e.g. an older build's dist/index.js, to compare) |
 * | `JOURNAL_BENCH_PGLITE` | unset | `1`: use PGlite even if PostgreSQL answers |
 * | `JOURNAL_BENCH_VERIFY` | 1 | `0`: skip verifying the chain at the end (to profile the writer alone) |
 */
import { randomBytes } from 'node:crypto';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { probePostgres } from '../lib/probe-postgres.js';

const env = process.env;
const seconds = Number(env.JOURNAL_BENCH_SECONDS ?? 5);
const samples = Math.max(1, Number(env.JOURNAL_BENCH_SAMPLES ?? 3));
const warmupSeconds = Number(env.JOURNAL_BENCH_WARMUP_SECONDS ?? 2);
const concurrency = Math.max(1, Number(env.JOURNAL_BENCH_CONCURRENCY ?? 50));
const workUs = Math.max(0, Number(env.JOURNAL_BENCH_WORK_US ?? 0));
const poolMax = Number(env.JOURNAL_BENCH_POOL_MAX ?? 10);
const url = env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const storeModule = env.JOURNAL_BENCH_STORE
  ? pathToFileURL(env.JOURNAL_BENCH_STORE).href
  : '@hub/store';
const migrationsDir = fileURLToPath(new URL('../../migrations/', import.meta.url));

const { openDatabase, migrateLatest, JournalWriter, verifyJournal } = await import(storeModule);

async function postgresAnswers() {
  if (env.JOURNAL_BENCH_PGLITE === '1') return false;
  return probePostgres(url);
}

// What the gateway's journal plugin appends for the `identity` query (and, one call in two, the
// `family-quotient` one): sorted field coordinates, the scopes that released them, the upstream
// calls of the request, no denied field.
const operatorId = '5f0c6a55-8c1e-4d7a-9a51-0e4b7c2d9f11';
const tokenJti = '8d2b7e3a-41f6-4c0e-b9d5-77a1e3c4f902';
const consentId = 'c7e1d0b2-9a44-4f3b-8e6d-2b5a1c9e7d30';
const subjectRef = 'hs1_3q2+7w/9kXkq0Zb1mYtP4nR8cJvLd2sE6uHaGf0';
const identityFields = ['person.identity.birthDate', 'person.identity.birthName', 'person.identity.firstNames'];
const familyFields = ['person.family.familyQuotient.month', 'person.family.familyQuotient.value', 'person.family.familyQuotient.year', 'person.identity.birthName'];
let counter = 0;
function entry() {
  counter += 1;
  const withUpstream = counter % 2 === 0;
  return {
    requestId: `0b7f3f9e-6a59-4a8e-9d43-${String(counter).padStart(12, '0')}`,
    operatorId,
    tokenJti,
    consentId,
    subjectRef,
    purpose: 'Tarification de la cantine scolaire « été »',
    releasedFields: withUpstream ? familyFields : identityFields,
    releasedScopes: withUpstream ? ['cnaf_quotient_familial', 'identite_pivot'] : ['identite_pivot'],
    upstreamCalls: withUpstream
      ? [{ provider: 'CNAV', route: '/v3/dss/quotient_familial/identite', status: 200, outcome: 'ok', durationMs: 3.25 }]
      : [],
    deniedFields: [],
  };
}

// One waiting loop released per event-loop turn (setImmediate), so simulated requests are spread
// over turns as socket events are, instead of all resuming in one microtask burst.
const waiting = [];
let releasing = false;
function nextTurn() {
  return new Promise((resolve) => {
    waiting.push(resolve);
    if (!releasing) {
      releasing = true;
      setImmediate(releaseOne);
    }
  });
}
function releaseOne() {
  const resolve = waiting.shift();
  resolve?.();
  if (waiting.length > 0) setImmediate(releaseOne);
  else releasing = false;
}
// Simulated request work: a fixed amount of arithmetic (calibrated once to about workUs of CPU),
// its CPU time measured around each call with process.cpuUsage (CPU, not wall time: on a small
// machine this process is often descheduled in favour of PostgreSQL, and a spin on the clock
// would count that) and subtracted from the figure.
let sink = 0;
function work(iterations) {
  let x = sink;
  for (let i = 0; i < iterations; i++) x = (x * 1103515245 + 12345) % 2147483647;
  sink = x;
}
let workIterations = 0;
if (workUs > 0) {
  work(1e6); // warm the JIT
  const iterations = 2e7;
  const c0 = process.cpuUsage();
  work(iterations);
  const c = process.cpuUsage(c0);
  workIterations = Math.max(1, Math.round((iterations * workUs) / (c.user + c.system)));
}
let workCalls = 0;
let workCpuUs = 0;
function spin() {
  const c0 = process.cpuUsage();
  work(workIterations);
  const c = process.cpuUsage(c0);
  workCpuUs += c.user + c.system;
  workCalls += 1;
}

async function run(writer, ms, yieldEachAppend) {
  let stop = false;
  let failures = 0;
  const deadline = performance.now() + ms;
  const loop = async () => {
    while (!stop) {
      if (performance.now() >= deadline) stop = true; // a timer alone may never fire, see below
      if (workUs > 0) {
        await nextTurn();
        if (stop) break;
        spin();
      } else if (yieldEachAppend) {
        // PGlite answers through promises only: without a macrotask between appends the loops
        // and the writer would keep the microtask queue busy forever.
        await new Promise((resolve) => setImmediate(resolve));
      }
      try {
        await writer.append([entry()]);
      } catch (error) {
        failures += 1;
        if (failures === 1) console.error('append failed:', error);
      }
    }
  };
  const before = { stats: writer.stats, cpu: process.cpuUsage(), t: process.hrtime.bigint(), workCalls, workCpuUs };
  const loops = Array.from({ length: concurrency }, loop);
  await Promise.all(loops);
  const elapsedS = Number(process.hrtime.bigint() - before.t) / 1e9;
  const cpu = process.cpuUsage(before.cpu);
  const spunUs = workCpuUs - before.workCpuUs;
  const after = writer.stats;
  const entries = after.entries - before.stats.entries;
  const transactions = after.transactions - before.stats.transactions;
  const calls = workCalls - before.workCalls;
  return {
    workUsPerCall: calls > 0 ? spunUs / calls : 0,
    entriesPerS: entries / elapsedS,
    cpuUsPerEntry: (cpu.user + cpu.system - spunUs) / entries,
    sysUsPerEntry: cpu.system / entries,
    avgBatch: entries / transactions,
    entries,
    transactions,
    failures,
  };
}

const usePg = await postgresAnswers();
const schema = `bench_journal_${randomBytes(4).toString('hex')}`;
const db = await openDatabase(usePg ? { kind: 'pg', url, schema, poolMax } : { kind: 'pglite' });
let exitCode = 0;
try {
  await migrateLatest(db.knex, migrationsDir);
  console.log(`journal append micro-benchmark: ${usePg ? `PostgreSQL ${url} (schema ${schema}, pool ${poolMax})` : 'PGlite in memory (NOT representative)'}`);
  console.log(`store: ${storeModule}; ${concurrency} concurrent loops, 1 entry per append, ${workUs > 0 ? `~${workUs} µs of simulated work per append` : 'no simulated work'}, ${samples} × ${seconds} s after ${warmupSeconds} s warm-up; node ${process.version}`);
  const writer = new JournalWriter(db.knex);
  if (warmupSeconds > 0) await run(writer, warmupSeconds * 1000, !usePg);
  const results = [];
  for (let i = 0; i < samples; i++) {
    const r = await run(writer, seconds * 1000, !usePg);
    results.push(r);
    console.log(`sample ${i + 1}: ${r.entriesPerS.toFixed(0).padStart(6)} entries/s  ${r.cpuUsPerEntry.toFixed(1).padStart(6)} µs CPU/entry (${r.sysUsPerEntry.toFixed(1)} system)  avg batch ${r.avgBatch.toFixed(1).padStart(5)}  (${workUs > 0 ? `work ${r.workUsPerCall.toFixed(0)} µs/append subtracted, ` : ''}${r.entries} entries, ${r.transactions} transactions, ${r.failures} failed appends)`);
    if (r.failures > 0) exitCode = 1;
  }
  await writer.close();
  const median = (key) => results.map((r) => r[key]).sort((a, b) => a - b)[Math.floor(results.length / 2)];
  console.log(`median:   ${median('entriesPerS').toFixed(0).padStart(6)} entries/s  ${median('cpuUsPerEntry').toFixed(1).padStart(6)} µs CPU/entry  avg batch ${median('avgBatch').toFixed(1).padStart(5)}`);
  if (env.JOURNAL_BENCH_VERIFY !== '0') {
    const v = await verifyJournal(db.knex, { pageSize: 5000 });
    console.log(v.ok ? `chain verifies: ${v.entries} entries` : `CHAIN DOES NOT VERIFY: ${JSON.stringify(v)}`);
    if (!v.ok) exitCode = 1;
  }
} finally {
  if (usePg) await db.knex.raw(`drop schema if exists "${schema}" cascade`).catch((e) => console.error('could not drop', schema, e));
  await db.close();
}
process.exitCode = exitCode;
