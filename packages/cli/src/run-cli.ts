import { ConfigError, loadConfig, renderCommandResult } from '@hub/gateway';
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
  let json = argv.includes('--json');
  try {
    const parsed = parseCommandLine(argv);
    json = parsed.json;
    const config = loadConfig(io.env, { requireUpstreams: parsed.command === 'start' });
    if (parsed.command === 'start') {
      await startCommand(config, io.out);
      return 0;
    }
    const output = parsed.command === 'consent verify'
      ? await consentVerifyCommand({
        file: parsed.positionals?.[0] ?? '', publicUrl: config.publicUrl, json,
        ...(typeof parsed.args['jwks'] === 'string' ? { jwks: parsed.args['jwks'] } : {}),
      })
      : renderCommandResult(parsed.command, await runAdminCommand(config, parsed.command, parsed.args), json);
    for (const line of output.stdout) io.out(line);
    for (const line of output.stderr ?? []) io.err(`hub: ${line}`);
    return output.exitCode ?? 0;
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
