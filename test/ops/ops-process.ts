import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { openDatabase } from '@hub/store';

/** The built `hub` command, run as an operator runs it. */
export const HUB = fileURLToPath(new URL('../../packages/cli/bin/hub.js', import.meta.url));
const run = promisify(execFile);

export async function cli(env: NodeJS.ProcessEnv, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [HUB, ...args], { env, maxBuffer: 64 * 1024 * 1024, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

export async function cliJson(env: NodeJS.ProcessEnv, ...args: string[]): Promise<Record<string, string>> {
  const r = await cli(env, ...args, '--json');
  if (r.code !== 0) throw new Error(`hub ${args.join(' ')}: ${r.stderr}`);
  return JSON.parse(r.stdout) as Record<string, string>;
}

/** Starts `hub start`, resolves once it printed `listening on`; `output()` is everything it wrote. */
export async function startHubProcess(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; output(): string; exited: Promise<number | null> }> {
  const child = spawn(process.execPath, [HUB, 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => { out += c.toString(); });
  child.stderr!.on('data', (c: Buffer) => { out += c.toString(); });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  for (const started = Date.now(); !out.includes('listening on'); await new Promise((r) => setTimeout(r, 100))) {
    if (Date.now() - started > 90_000 || child.exitCode !== null) {
      child.kill('SIGKILL');
      throw new Error(`hub did not start:\n${out}`);
    }
  }
  return { child, output: () => out, exited };
}

export async function stopProcess(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
}

/** The PostgreSQL several hub processes share: DATABASE_URL (CI), else the machine's local server. */
const PG_BASE_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * A scratch schema on that PostgreSQL for processes to share (their URL puts it on the search
 * path), or null when no PostgreSQL answers; `drop()` removes it.
 */
export async function createScratchSchema(prefix: string): Promise<{ databaseUrl: string; drop(): Promise<void> } | null> {
  const schema = `t_${prefix}_${randomBytes(5).toString('hex')}`;
  const admin = await openDatabase({ kind: 'pg', url: PG_BASE_URL });
  try {
    await admin.knex.raw(`create schema "${schema}"`);
  } catch {
    return null;
  } finally {
    await admin.close().catch(() => undefined);
  }
  const url = new URL(PG_BASE_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    databaseUrl: url.toString(),
    async drop() {
      const db = await openDatabase({ kind: 'pg', url: PG_BASE_URL });
      await db.knex.raw(`drop schema if exists "${schema}" cascade`).catch(() => undefined);
      await db.close();
    },
  };
}
