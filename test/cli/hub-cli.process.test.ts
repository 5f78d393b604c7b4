import { randomBytes } from 'node:crypto';
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { expect } from '../support/expect.js';
import { poll } from '../support/poll.js';
import { freePort } from '../support/test-hub.js';
import { openDatabase } from '@hub/store';

// The built CLI under plain Node (npm test builds first), as an administrator runs it, against a
// hub running in another process on an embedded data directory.
const HUB = fileURLToPath(new URL('../../packages/cli/bin/hub.js', import.meta.url));
const run = promisify(execFile);

let dataDir: string;
let port: number;
let hub: ChildProcess;
const env = () => ({ ...process.env, DATABASE_URL: '', HUB_DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn', HUB_SANDBOX: '1' });

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [HUB, ...args], { env: env() });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
const json = async (...args: string[]) => {
  const r = await cli(...args, '--json');
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Record<string, string>;
};
const viewer = (token: string) => fetch(`http://127.0.0.1:${port}/graphql`, {
  method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{"query":"{ viewer { siret } }"}',
});

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'hub-cli-'));
  port = await freePort();
  hub = spawn(process.execPath, [HUB, 'start'], { env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  hub.stdout!.on('data', (c: Buffer) => { out += c.toString(); });
  hub.stderr!.on('data', (c: Buffer) => { out += c.toString(); });
  for (const started = Date.now(); !out.includes('listening on'); await new Promise((r) => setTimeout(r, 200))) {
    if (Date.now() - started > 90_000 || hub.exitCode !== null) throw new Error(`hub did not start:\n${out}`);
  }
}, 120_000); // a first start on a busy CI machine (PGlite, migrations, keys) took more than 45 s once

afterAll(async () => {
  if (hub && hub.exitCode === null && hub.signalCode === null) {
    hub.kill('SIGTERM');
    await new Promise((r) => hub.once('exit', r));
  }
  await rm(dataDir, { recursive: true, force: true });
});

describe('hub CLI while the hub runs (embedded PGlite, admin socket)', () => {
  it('revoking a token is effective on the running hub within 5 s', async () => {
    const op = await json('operator', 'add', '--name', 'Mairie de Lyon', '--siret', '21690123100011');
    await json('habilitation', 'grant', '--operator', op.id!, '--scopes', 'cnaf_quotient_familial', '--purpose', 'Cantine', '--legal-basis', 'CRPA');
    const tok = await json('token', 'issue', '--operator', op.id!, '--ttl', '1h');
    expect(Object.keys(tok).sort()).toEqual(['expiresAt', 'jti', 'token']);
    expect((await viewer(tok.token!)).status).toBe(200);

    await json('token', 'revoke', '--jti', tok.jti!);
    const revokedAt = Date.now();
    await poll(async () => (await viewer(tok.token!)).status, { timeout: 5000, interval: 100 }).toBe(401);
    expect(Date.now() - revokedAt).toBeLessThan(5000);
    const body = await (await viewer(tok.token!)).json();
    expect(body.errors[0].extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'revoked' });
  });

  it('a second hub on the port in use says so and exits 1, leaving nothing running', async () => {
    const otherDir = await mkdtemp(path.join(tmpdir(), 'hub-cli-busy-'));
    try {
      const started = Date.now();
      const r = await run(process.execPath, [HUB, 'start'], { env: { ...env(), HUB_DATA_DIR: otherDir }, timeout: 90_000 })
        .then(() => ({ code: 0, stderr: '' }), (error: { code: number | null; stderr: string; killed?: boolean }) => ({ code: error.killed ? null : error.code, stderr: error.stderr }));
      expect(r.code, `exited after ${Date.now() - started} ms:\n${r.stderr}`).toBe(1);
      expect(r.stderr).toMatch(/EADDRINUSE/);
    } finally {
      await rm(otherDir, { recursive: true, force: true });
    }
  }, 120_000);

  it('names the bad argument and exits with code 2', async () => {
    const badSiret = await cli('operator', 'add', '--name', 'X', '--siret', '12345678901234');
    expect(badSiret.code).toBe(2);
    expect(badSiret.stderr).toMatch(/--siret/);
    const op = await json('operator', 'add', '--name', 'La Poste', '--siret', '35600000049837');
    const badScope = await cli('habilitation', 'grant', '--operator', op.id!, '--scopes', 'cnaf_quotient_familial,no_such_scope', '--purpose', 'p', '--legal-basis', 'l');
    expect(badScope.code).toBe(2);
    expect(badScope.stderr).toMatch(/--scopes.*no_such_scope/);
    const missing = await cli('token', 'issue');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--operator is required/);
    const unknownOp = await cli('token', 'issue', '--operator', '00000000-0000-4000-8000-000000000000', '--json');
    expect(unknownOp.code).toBe(2);
    expect(JSON.parse(unknownOp.stdout).error.message).toMatch(/--operator/);
    const unknownFlag = await cli('token', 'revoke', '--jti', 'x', '--force');
    expect(unknownFlag.code).toBe(2);
    expect(unknownFlag.stderr).toMatch(/--force/);
  });

  it('grants and revokes a sandbox consent, and lists personas', async () => {
    const op = await json('operator', 'add', '--name', 'CCAS', '--siret', '21130055300016');
    await json('habilitation', 'grant', '--operator', op.id!, '--scopes', 'cnaf_quotient_familial', '--purpose', 'Aide', '--legal-basis', 'CASF');
    const consent = await json('consent', 'grant', '--operator', op.id!, '--scopes', 'cnaf_quotient_familial', '--purpose', 'Aide', '--persona', 'sophie-lambert');
    expect(Object.keys(consent).sort()).toEqual(['expiresAt', 'id', 'token']);
    const beyond = await cli('consent', 'grant', '--operator', op.id!, '--scopes', 'dgfip_revenu_fiscal_reference', '--purpose', 'Aide', '--persona', 'sophie-lambert');
    expect(beyond.code).toBe(2);
    expect(beyond.stderr).toMatch(/habilitation/);
    expect((await json('consent', 'revoke', '--id', consent.id!)).revoked).toBe(true);
    const personas = (await json('sandbox', 'personas')) as unknown as { personas: { id: string }[] };
    expect(personas.personas.length).toBeGreaterThanOrEqual(25);
  });

  it('says that no hub runs on another data directory, rather than only "sandbox mode"', async () => {
    const elsewhere = await mkdtemp(path.join(tmpdir(), 'hub-cli-other-'));
    try {
      const e = await run(process.execPath, [HUB, 'consent', 'grant', '--operator', '00000000-0000-4000-8000-000000000000', '--scopes', 'identite_pivot', '--purpose', 'p', '--persona', 'sophie-lambert'], {
        // Outside sandbox mode the secrets are required (issue 11): given explicitly here.
        env: { ...env(), HUB_DATA_DIR: elsewhere, HUB_SANDBOX: '', HUB_SESSION_KEY: randomBytes(32).toString('base64url'), HUB_SUBJECT_KEY: randomBytes(32).toString('base64url'), HUB_KEY_ENCRYPTION_KEY: randomBytes(32).toString('base64url') },
      }).then(() => null, (error: { code: number; stderr: string }) => error);
      expect(e?.code).toBe(2);
      expect(e?.stderr).toContain(`no hub runs on the data directory ${elsewhere} `);
      expect(e?.stderr).toMatch(/HUB_DATA_DIR of the running hub/);
      expect(await readdir(elsewhere)).toEqual([]); // told, not opened
    } finally {
      await rm(elsewhere, { recursive: true, force: true });
    }
  });

  // Last: stops the hub to tamper with its data directory as an attacker with file access would.
  it('audit verify exits 1 on an edited journal row; audit export prints JSON lines', async () => {
    const op = await json('operator', 'add', '--name', 'Crèche', '--siret', '21750001600019');
    await json('habilitation', 'grant', '--operator', op.id!, '--scopes', 'identite_pivot', '--purpose', 'Inscription', '--legal-basis', 'CASF');
    const tok = await json('token', 'issue', '--operator', op.id!);
    const consent = await json('consent', 'grant', '--operator', op.id!, '--scopes', 'identite_pivot', '--purpose', 'Inscription', '--persona', 'lea-mercier');
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST', headers: { authorization: `Bearer ${tok.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'query Q($c: String!) { person(consent: $c) { identity { birthName } } }', variables: { c: consent.token } }),
      });
      expect((await res.json()).data.person.identity.birthName).toBeTruthy();
    }
    expect((await cli('audit', 'verify')).code).toBe(0);
    const exported = await cli('audit', 'export', '--operator', op.id!, '--since', '2020-01-01');
    const lines = exported.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    expect(lines.every((e) => e.operatorId === op.id && e.consentId === consent.id)).toBe(true);

    hub.kill('SIGTERM');
    await new Promise((r) => hub.once('exit', r));
    const db = await openDatabase({ kind: 'pglite', dataDir: path.join(dataDir, 'pgdata') });
    const [{ seq }] = (await db.knex.raw('select max(seq)::int as seq from journal_entries')).rows;
    await db.knex.raw('alter table journal_entries disable trigger user');
    await db.knex.raw(`update journal_entries set purpose = 'Autre finalité' where seq = ?`, [seq - 1]);
    await db.close();
    const verify = await cli('audit', 'verify');
    expect(verify.code).toBe(1);
    expect(verify.stderr).toMatch(new RegExp(`seq ${seq - 1}: edited`));
  });
});
