// Issue 12, experiment 4: PostgreSQL frozen (SIGSTOP on every process of a cluster this test starts
// itself, on a free loopback port: never the machine's own cluster). No request waits more than
// the configured bound (statement timeout + 1 s on the client side, pool acquire), the answers are
// coded 503s, and the service is back within 1 s of SIGCONT. Skipped, with a warning, where the
// PostgreSQL server binaries are absent.
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { ALL_SCOPE_NAMES } from '@hub/policy';
import { createHub, loadConfig, type Hub } from '@hub/gateway';
import { expect } from '../support/expect.js';
import { freePort } from '../support/test-hub.js';
import { report } from './chaos-fixture.js';

const STATEMENT_MS = 1_000;
const ACQUIRE_MS = 1_000;
const BOUND_MS = STATEMENT_MS + 1_000 + ACQUIRE_MS;

const binDir = (() => {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(path.join(root, v, 'bin', 'initdb'))).sort() : [];
  return versions.length ? path.join(root, versions.at(-1)!, 'bin') : null;
})();
if (!binDir) console.warn('database-frozen.chaos: no PostgreSQL server binaries under /usr/lib/postgresql/*/bin: skipped');

let dir = '';
let port = 0;
let hub: Hub | null = null;
let url = '';
let token = '';
let consent = '';
let frozen: number[] = [];

/** initdb refuses to run as root: the cluster then belongs to the `postgres` user. */
function pg(command: string, args: string[]): string {
  const exe = path.join(binDir!, command);
  const asRoot = process.getuid?.() === 0;
  return execFileSync(asRoot ? 'runuser' : exe, asRoot ? ['-u', 'postgres', '--', exe, ...args] : args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The postmaster and its children (backends, checkpointer...). */
function clusterPids(): number[] {
  const postmaster = Number(readFileSync(path.join(dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
  const children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(postmaster)], { encoding: 'utf8' }).split('\n').map((l) => Number(l.trim())).filter((n) => n > 0);
  return [postmaster, ...children];
}

function thaw(): void {
  for (const pid of [...frozen].reverse()) {
    try {
      process.kill(pid, 'SIGCONT');
    } catch {
      /* gone */
    }
  }
  frozen = [];
}

async function query(): Promise<{ status: number; ms: number; code?: string; reason?: string; ok: boolean }> {
  const started = performance.now();
  try {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: 'query($c: String!) { person(consent: $c) { identity { birthName } } }', variables: { c: consent } }),
      signal: AbortSignal.timeout(15_000),
    });
    const body = (await res.json()) as { data?: any; errors?: { extensions?: { code?: string; reason?: string } }[] };
    const first = body.errors?.[0]?.extensions;
    return { status: res.status, ms: performance.now() - started, code: first?.code, reason: first?.reason, ok: body.data?.person?.identity?.birthName === 'FONTAINE' };
  } catch (error) {
    return { status: 0, ms: performance.now() - started, code: String(error), ok: false };
  }
}

(binDir ? describe : describe.skip)('PostgreSQL frozen', () => {
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'hub-chaos-pg-'));
    if (process.getuid?.() === 0) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })), Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })));
    port = await freePort();
    pg('initdb', ['-D', path.join(dir, 'data'), '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync', '--no-instructions']);
    pg('pg_ctl', ['-D', path.join(dir, 'data'), '-l', path.join(dir, 'log'), '-w', '-t', '30', '-o', `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=off`, 'start']);
    const hubPort = await freePort();
    hub = await createHub(loadConfig({
      PORT: String(hubPort), HOST: '127.0.0.1', HUB_SANDBOX: '1', LOG_LEVEL: process.env.CHAOS_LOG_LEVEL ?? 'silent', HUB_DATA_DIR: path.join(dir, 'hub'),
      DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/postgres`, HUB_RATE_LIMIT_PER_MINUTE: '1000000',
      HUB_DB_STATEMENT_TIMEOUT_MS: String(STATEMENT_MS), HUB_DB_ACQUIRE_TIMEOUT_MS: String(ACQUIRE_MS),
    }));
    url = (await hub.listen()).url;
    const op = await hub.admin.addOperator({ name: 'CCAS de Gelville', siret: '21750001600019' });
    await hub.admin.grantHabilitation({ operator: op.id, scopes: ALL_SCOPE_NAMES.join(','), purpose: 'Aide sociale facultative', legalBasis: 'CASF L123-5' });
    token = (await hub.admin.issueToken({ operator: op.id, ttl: '1h' })).token;
    consent = (await hub.admin.grantConsent({ operator: op.id, scopes: 'identite_pivot', purpose: 'Aide sociale facultative', persona: 'sophie-lambert' })).token;
  }, 60_000);

  afterAll(async () => {
    thaw();
    await hub?.close().catch(() => undefined);
    if (dir && existsSync(path.join(dir, 'data', 'postmaster.pid'))) {
      try {
        pg('pg_ctl', ['-D', path.join(dir, 'data'), '-m', 'immediate', '-w', 'stop']);
      } catch {
        /* already stopped */
      }
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  it('no request waits beyond the bound, coded 503s, back within 1 s of SIGCONT', async () => {
    expect((await query()).ok).toBe(true);

    frozen = clusterPids();
    for (const pid of frozen) process.kill(pid, 'SIGSTOP');
    let during: Awaited<ReturnType<typeof query>>[] = [];
    try {
      // 8 clients for ~4 s against the frozen database.
      const stopAt = performance.now() + 4_000;
      await Promise.all(Array.from({ length: 8 }, async () => {
        while (performance.now() < stopAt) during.push(await query());
      }));
    } finally {
      thaw();
    }
    const thawedAt = performance.now();
    let backMs = -1;
    while (performance.now() - thawedAt < 5_000) {
      if ((await query()).ok) {
        backMs = performance.now() - thawedAt;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }

    const codes: Record<string, number> = {};
    for (const r of during) codes[`${r.status} ${r.code ?? ''}${r.reason ? `/${r.reason}` : ''}`] = (codes[`${r.status} ${r.code ?? ''}${r.reason ? `/${r.reason}` : ''}`] ?? 0) + 1;
    report('PostgreSQL frozen 4 s (statement 1 s, acquire 1 s)', {
      requests: during.length,
      answers: codes,
      maxMs: Math.round(Math.max(...during.map((r) => r.ms))),
      boundMs: BOUND_MS,
      backMsAfterSigcont: Math.round(backMs),
    });
    during = during.filter((r) => !r.ok);
    expect(during.length).toBeGreaterThan(0);
    for (const r of during) {
      expect(r.ms).toBeLessThanOrEqual(BOUND_MS + 500);
      expect(r.status).toBe(503);
      expect(r.code).toBe('SERVICE_UNAVAILABLE');
    }
    expect(backMs).toBeGreaterThanOrEqual(0);
    expect(backMs).toBeLessThanOrEqual(1_000);
  }, 60_000);
});
