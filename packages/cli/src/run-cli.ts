import { existsSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, DEFAULT_DATA_DIR, loadConfig, renderCommandResult, SANDBOX_SECRETS_FILE } from '@hub/gateway';
import { runAdminCommand } from './admin-transport.js';
import { consentVerifyCommand } from './consent-verify-command.js';
import { UsageError } from './cli-error.js';
import { parseCommandLine, usage } from './parse-command-line.js';
import { startCommand } from './start-command.js';

export type CliIo = { out(line: string): void; err(line: string): void; env: Record<string, string | undefined> };

/** Runs `hub ...`; resolves with the exit code (0 ok, 1 failure, 2 bad usage or configuration). */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    io.out(usage());
    return argv.length === 0 ? 2 : 0;
  }
  // Files the hub and its embedded database create (data directory, secrets, WAL) are owner-only.
  process.umask(0o077);
  let json = argv.includes('--json');
  try {
    const parsed = parseCommandLine(argv);
    json = parsed.json;
    // Verifying a receipt needs only the published keys: no hub configuration, no secret.
    if (parsed.command === 'consent verify') {
      const publicUrl = (io.env.HUB_PUBLIC_URL ?? `http://localhost:${io.env.PORT ?? '4000'}`).replace(/\/$/, '');
      return emit(io, await consentVerifyCommand({
        file: parsed.positionals?.[0] ?? '', publicUrl, json,
        ...(typeof parsed.args['jwks'] === 'string' ? { jwks: parsed.args['jwks'] } : {}),
      }));
    }
    const config = loadConfig(withEmbeddedSandbox(io.env), { requireUpstreams: parsed.command === 'start' });
    if (parsed.command === 'start') {
      await startCommand(config, io.out);
      return 0;
    }
    return emit(io, renderCommandResult(parsed.command, await runAdminCommand(config, parsed.command, parsed.args), json));
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError) {
      if (json) io.out(JSON.stringify({ error: { kind: 'usage', message: error.message } }));
      io.err(`hub: ${error.message}`);
      return 2;
    }
    if (json) io.out(JSON.stringify({ error: { kind: 'failure', message: (error as Error).message } }));
    io.err(`hub: ${(error as Error).message}`);
    return 1;
  }
}

type CommandOutput = { stdout: string[]; stderr?: string[]; exitCode?: number };

function emit(io: CliIo, output: CommandOutput): number {
  for (const line of output.stdout) io.out(line);
  for (const line of output.stderr ?? []) io.err(`hub: ${line}`);
  return output.exitCode ?? 0;
}

/**
 * The embedded data directory `npm start` made (sandbox mode: it holds the generated secrets) is a
 * sandbox's: `npx hub ...` run beside it, without HUB_SANDBOX, works on it as the README shows.
 * An explicit HUB_SANDBOX, or a PostgreSQL database, is taken as given.
 */
function withEmbeddedSandbox(env: CliIo['env']): CliIo['env'] {
  if (env.HUB_SANDBOX !== undefined || env.DATABASE_URL) return env;
  const dataDir = path.resolve(env.HUB_DATA_DIR || DEFAULT_DATA_DIR);
  return existsSync(path.join(dataDir, SANDBOX_SECRETS_FILE)) ? { ...env, HUB_SANDBOX: '1' } : env;
}
