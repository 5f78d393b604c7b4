// Issue 15 "Must show", HUB_WORKERS=2: one port, both workers serving (x-hub-worker tells which),
// consented queries answered by both, one journal chain that verifies (`hub audit verify`) and
// holds every personal answer. Workers share PostgreSQL: DATABASE_URL, else the local server on
// 127.0.0.1:5432 when one answers (skipped otherwise); a schema of its own, dropped afterwards.
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { expect } from '../support/expect.js';
import { freePort } from '../support/test-hub.js';
import { cli, cliJson, createScratchSchema, startHubProcess, stopProcess } from './ops-process.js';

let available = false;
let scratch: Awaited<ReturnType<typeof createScratchSchema>> = null;
let databaseUrl: string;
let dataDir: string;
let port: number;
let metricsPort: number;
const METRICS_TOKEN = 'workers-metrics-token';
let hub: Awaited<ReturnType<typeof startHubProcess>> | undefined;
const env = () => ({
  ...process.env, DATABASE_URL: databaseUrl, HUB_DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn', HUB_SANDBOX: '1', HUB_WORKERS: '2',
  HUB_METRICS_TOKEN: METRICS_TOKEN, HUB_METRICS_PORT: String(metricsPort),
});

/** `GET path` on a connection of its own (either worker may take it). */
function get(at: number, path: string, headers: Record<string, string> = {}): Promise<{ status: number; worker: string | undefined; text: string }> {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port: at, path, agent: false, headers }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => { text += c.toString(); });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, worker: res.headers['x-hub-worker'] as string | undefined, text }));
    }).on('error', reject);
  });
}

/** The value of one sample of an exposition (the line `name{labels} value`), or undefined. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

/** A request on a connection of its own (no keep-alive), so the cluster may pick either worker. */
function post(body: string, headers: Record<string, string>): Promise<{ status: number; worker: string | undefined; body: any }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: '/graphql', method: 'POST', agent: false, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => { text += c.toString(); });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, worker: res.headers['x-hub-worker'] as string | undefined, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

beforeAll(async () => {
  scratch = await createScratchSchema('workers');
  if (!scratch) return;
  available = true;
  databaseUrl = scratch.databaseUrl;
  dataDir = await mkdtemp(path.join(tmpdir(), 'hub-workers-'));
  port = await freePort();
  metricsPort = await freePort();
  hub = await startHubProcess(env());
}, 120_000);

afterAll(async () => {
  if (hub && hub.child.exitCode === null) {
    hub.child.kill('SIGTERM');
    await Promise.race([hub.exited, new Promise((r) => setTimeout(r, 15_000))]);
  }
  await stopProcess(hub?.child);
  await scratch?.drop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('HUB_WORKERS=2', () => {
  it('serves from both workers on one port; one journal chain that verifies', async () => {
    if (!available) {
      console.warn('no PostgreSQL reachable: HUB_WORKERS test skipped');
      return;
    }
    expect(hub!.output()).toContain('(2 workers)');
    const op = await cliJson(env(), 'operator', 'add', '--name', 'Mairie de Lyon', '--siret', '21690123100011');
    await cliJson(env(), 'habilitation', 'grant', '--operator', op.id!, '--scopes', 'identite_pivot', '--purpose', 'Cantine', '--legal-basis', 'CRPA');
    const { token } = await cliJson(env(), 'token', 'issue', '--operator', op.id!);
    const consent = await cliJson(env(), 'consent', 'grant', '--operator', op.id!, '--scopes', 'identite_pivot', '--purpose', 'Cantine', '--persona', 'sophie-lambert');

    const ids = Array.from({ length: 40 }, (_, i) => `w-${i}-${randomUUID().slice(0, 8)}`);
    const answers = await Promise.all(ids.map((requestId) => post(
      JSON.stringify({ query: 'query Q($c: String!) { person(consent: $c) { identity { birthName } } }', variables: { c: consent.token } }),
      { authorization: `Bearer ${token}`, 'x-request-id': requestId },
    )));
    for (const a of answers) {
      expect(a.status).toBe(200);
      expect(a.body.data.person.identity.birthName).toBe('FONTAINE');
    }
    expect(new Set(answers.map((a) => a.worker))).toEqual(new Set(['1', '2']));

    // One scrape covers both workers (the primary adds up their registries): on the main port,
    // whichever worker takes the scrape, and on HUB_METRICS_PORT, served by the primary.
    const served = new Set<string>();
    for (let i = 0; i < 6; i++) {
      const scrape = await get(port, '/metrics', { authorization: `Bearer ${METRICS_TOKEN}` });
      expect(scrape.status).toBe(200);
      served.add(scrape.worker!);
      expect(sample(scrape.text, 'hub_graphql_requests_total{operation="Q",outcome="OK"}')).toBe(ids.length);
      expect(sample(scrape.text, 'hub_graphql_request_duration_seconds_count{operation="Q"}')).toBe(ids.length);
    }
    expect(served).toEqual(new Set(['1', '2']));
    const own = await get(metricsPort, '/metrics');
    expect(own.status).toBe(200);
    expect(sample(own.text, 'hub_graphql_requests_total{operation="Q",outcome="OK"}')).toBe(ids.length);
    expect(own.text).toMatch(/^process_cpu_user_seconds_total \d/m);
    expect((await get(port, '/metrics')).status).toBe(401);

    const verify = await cli(env(), 'audit', 'verify', '--json');
    expect(verify.code, verify.stderr).toBe(0);
    expect(JSON.parse(verify.stdout).ok).toBe(true);
    const exported = await cli(env(), 'audit', 'export', '--operator', op.id!);
    const journaled = new Set(exported.stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l).requestId as string));
    expect(ids.filter((id) => !journaled.has(id))).toEqual([]);

    // SIGTERM to the primary: both workers drain, the primary exits 0.
    hub!.child.kill('SIGTERM');
    expect(await hub!.exited).toBe(0);
  }, 120_000);
});
