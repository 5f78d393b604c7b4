// Kill -9 under load: every response that carried personal data to the client must have its
// journal entry after restart, and the chain must verify. Runs the built hub as a real process, on
// PostgreSQL when DATABASE_URL is set (own schema), else on an embedded PGlite data directory.
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { expect } from '../support/expect.js';
import { openDatabase } from '@hub/store';
import { freePort } from '../support/test-hub.js';

const HUB = fileURLToPath(new URL('../../packages/cli/bin/hub.js', import.meta.url));
const run = promisify(execFile);

let dataDir: string;
let port: number;
let databaseUrl = '';
let schema: string | null = null;
let hub: ChildProcess | null = null;

const env = () => ({ ...process.env, DATABASE_URL: databaseUrl, HUB_DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn', HUB_SANDBOX: '1' });

async function cli(...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [HUB, ...args], { env: env(), maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
const json = async (...args: string[]) => {
  const r = await cli(...args, '--json');
  if (r.code !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as Record<string, string>;
};

async function startHub(): Promise<void> {
  const child = spawn(process.execPath, [HUB, 'start'], { env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
  hub = child;
  let out = '';
  child.stdout!.on('data', (c: Buffer) => { out += c.toString(); });
  child.stderr!.on('data', (c: Buffer) => { out += c.toString(); });
  for (const started = Date.now(); !out.includes('listening on'); await new Promise((r) => setTimeout(r, 100))) {
    if (Date.now() - started > 90_000 || child.exitCode !== null) throw new Error(`hub did not start:\n${out}`);
  }
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'hub-crash-'));
  port = await freePort();
  if (process.env.DATABASE_URL) {
    schema = `t_crash_${randomBytes(5).toString('hex')}`;
    const admin = await openDatabase({ kind: 'pg', url: process.env.DATABASE_URL });
    await admin.knex.raw(`create schema "${schema}"`);
    await admin.close();
    const url = new URL(process.env.DATABASE_URL);
    url.searchParams.set('options', `-c search_path=${schema}`);
    databaseUrl = url.toString();
  }
  await startHub();
}, 120_000);

afterAll(async () => {
  if (hub && hub.exitCode === null && hub.signalCode === null) {
    hub.kill('SIGTERM');
    await new Promise((r) => hub!.once('exit', r));
  }
  if (schema) {
    const admin = await openDatabase({ kind: 'pg', url: process.env.DATABASE_URL! });
    await admin.knex.raw(`drop schema if exists "${schema}" cascade`);
    await admin.close();
  }
  await rm(dataDir, { recursive: true, force: true });
});

describe('crash under load (SIGKILL)', () => {
  it('every personal response the client received has its journal entry after restart', async () => {
    const op = await json('operator', 'add', '--name', 'Mairie de Lyon', '--siret', '21690123100011');
    await json('habilitation', 'grant', '--operator', op.id!, '--scopes', 'identite_pivot,cnaf_quotient_familial', '--purpose', 'Cantine', '--legal-basis', 'CRPA');
    const { token } = await json('token', 'issue', '--operator', op.id!);
    const consents = await Promise.all(['sophie-lambert', 'julien-lambert', 'lea-mercier'].map((p) =>
      json('consent', 'grant', '--operator', op.id!, '--scopes', 'identite_pivot,cnaf_quotient_familial', '--purpose', 'Cantine', '--persona', p)));

    const received: string[] = [];
    let _failures = 0;
    let stop = false;
    const worker = async (n: number) => {
      for (let i = 0; !stop; i++) {
        const requestId = `crash-${n}-${i}-${randomUUID().slice(0, 8)}`;
        try {
          const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'x-request-id': requestId },
            body: JSON.stringify({ query: 'query Q($c: String!) { person(consent: $c) { identity { birthName } family { familyQuotient { value } } } }', variables: { c: consents[i % 3]!.token } }),
          });
          const body = await res.json();
          if (body.data?.person?.identity?.birthName) received.push(requestId);
        } catch {
          _failures += 1; // the connection died with the process: nothing was received
          if (hub?.exitCode !== null || hub?.signalCode !== null) return;
        }
      }
    };
    const load = Promise.all(Array.from({ length: 12 }, (_, n) => worker(n)));
    await new Promise((r) => setTimeout(r, 2500));
    hub!.kill('SIGKILL');
    await new Promise((r) => hub!.once('exit', r));
    stop = true;
    await load;
    expect(received.length).toBeGreaterThan(20); // the load was real

    await startHub();
    const verify = await cli('audit', 'verify', '--json');
    expect(verify.code, verify.stderr).toBe(0);
    expect(JSON.parse(verify.stdout).ok).toBe(true);
    const exported = await cli('audit', 'export', '--operator', op.id!);
    const journaled = new Set(exported.stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l).requestId as string));
    const missing = received.filter((id) => !journaled.has(id));
    expect(missing).toEqual([]);
  }, 240_000);
});
