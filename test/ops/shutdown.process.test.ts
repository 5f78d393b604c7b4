// Graceful shutdown (docs/operations.md): SIGTERM during a burst of consented queries (each
// slowed by 400 ms of upstream latency, so they are in flight): every request sent before it gets
// a complete answer with its data, every one of those answers has its journal entry, the chain
// verifies, and the process exits 0.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { expect } from '../support/expect.js';
import { freePort } from '../support/test-hub.js';
import { cli, cliJson, startHubProcess, stopProcess } from './ops-process.js';

let dataDir: string;
let port: number;
let hub: Awaited<ReturnType<typeof startHubProcess>> | undefined;
const env = () => ({
  ...process.env, DATABASE_URL: '', HUB_DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn', HUB_SANDBOX: '1',
  HUB_SHUTDOWN_TIMEOUT_MS: '10000',
  SANDBOX_FAULTS: JSON.stringify([{ route: '/v3/dss/quotient_familial/identite', latencyMs: 400 }]),
});

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'hub-shutdown-'));
  port = await freePort();
  hub = await startHubProcess(env());
}, 120_000);
afterAll(async () => {
  await stopProcess(hub?.child as ChildProcess | undefined);
  await rm(dataDir, { recursive: true, force: true });
});

describe('SIGTERM under load', () => {
  it('answers every accepted request completely, journals every personal answer, exits 0', async () => {
    const op = await cliJson(env(), 'operator', 'add', '--name', 'Mairie de Lyon', '--siret', '21690123100011');
    await cliJson(env(), 'habilitation', 'grant', '--operator', op.id!, '--scopes', 'identite_pivot,cnaf_quotient_familial', '--purpose', 'Cantine', '--legal-basis', 'CRPA');
    const { token } = await cliJson(env(), 'token', 'issue', '--operator', op.id!);
    const consent = await cliJson(env(), 'consent', 'grant', '--operator', op.id!, '--scopes', 'identite_pivot,cnaf_quotient_familial', '--purpose', 'Cantine', '--persona', 'sophie-lambert');

    const ids = Array.from({ length: 30 }, (_, i) => `drain-${i}-${randomUUID().slice(0, 8)}`);
    const burst = ids.map((requestId) => fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'x-request-id': requestId },
      body: JSON.stringify({ query: 'query Q($c: String!) { person(consent: $c) { identity { birthName } family { familyQuotient { value } } } }', variables: { c: consent.token } }),
    }).then(async (res) => ({ requestId, status: res.status, body: await res.json() })));
    // SIGTERM once every request was accepted and is waiting for the slow upstream (the sandbox
    // counts each call as it arrives): a request that had not reached the hub yet would rightly be
    // refused with 503 while draining.
    const upstreamCalls = async () => {
      const stats = await (await fetch(`http://127.0.0.1:${port}/sandbox/_stats`, { headers: { authorization: 'Bearer sandbox' } })).json() as { calls: { route: string; count: number }[] };
      return stats.calls.filter((c) => c.route === '/v3/dss/quotient_familial/identite').reduce((n, c) => n + c.count, 0);
    };
    for (const deadline = Date.now() + 10_000; (await upstreamCalls()) < ids.length && Date.now() < deadline;) await new Promise((r) => setTimeout(r, 25));
    expect(await upstreamCalls()).toBe(ids.length);
    const signalledAt = Date.now();
    hub!.child.kill('SIGTERM');

    const answers = await Promise.all(burst);
    for (const a of answers) {
      expect(a.status, JSON.stringify(a.body)).toBe(200);
      expect(a.body.errors).toBeUndefined();
      expect(a.body.data.person).toEqual({ identity: { birthName: 'FONTAINE' }, family: { familyQuotient: { value: 780 } } });
    }
    expect(await hub!.exited).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(10_000);
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow(); // gone

    const verify = await cli(env(), 'audit', 'verify', '--json');
    expect(verify.code, verify.stderr).toBe(0);
    expect(JSON.parse(verify.stdout).ok).toBe(true);
    const exported = await cli(env(), 'audit', 'export', '--operator', op.id!);
    const journaled = new Set(exported.stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l).requestId as string));
    expect(ids.filter((id) => !journaled.has(id))).toEqual([]);
  }, 120_000);
});
