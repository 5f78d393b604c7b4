import { parseArgs } from 'node:util';
import { AdminInputError, COMMANDS, argumentKey, checkCommandArgs, type CommandArgs, type CommandOption } from '@hub/gateway';
import { UsageError } from './cli-error.js';

type LocalCommand = { summary: string; options: Record<string, CommandOption>; positional?: string };

/**
 * What the CLI itself runs rather than sends to a hub: the hub, and the offline check of a consent
 * receipt (no database: the hub's published keys). Every other command is in COMMANDS.
 */
const LOCAL: Record<string, LocalCommand> = {
  start: { summary: 'Run the hub (HTTP server) with the configuration from the environment', options: {} },
  'consent verify': {
    summary: 'Check a consent receipt (FILE, downloaded from /me/consents) against the hub\'s published keys; exit 1 when invalid',
    positional: 'FILE',
    options: { jwks: { help: 'JWKS file or URL (default: $HUB_PUBLIC_URL/.well-known/jwks.json)' } },
  },
};

export type ParsedCommand = { command: string; args: CommandArgs; json: boolean; /** Only for a local command that takes one (`consent verify FILE`). */ positionals?: string[] };

/** `hub <command words> --flag value ...` → command name (longest declared match) and camelCased arguments. */
export function parseCommandLine(argv: string[]): ParsedCommand {
  const words: string[] = [];
  for (const w of argv) {
    if (w.startsWith('-') || words.length === 3) break;
    words.push(w);
  }
  let command: string | undefined;
  for (let n = words.length; n > 0 && !command; n--) {
    const candidate = words.slice(0, n).join(' ');
    if (Object.hasOwn(LOCAL, candidate) || Object.hasOwn(COMMANDS, candidate)) command = candidate;
  }
  if (!command) {
    throw new UsageError(words.length ? `unknown command: ${words.join(' ')} (see hub --help)` : 'a command is required (see hub --help)');
  }
  const local = Object.hasOwn(LOCAL, command) ? LOCAL[command]! : undefined;
  const spec = local ?? COMMANDS[command]!;
  const rest = argv.slice(command.split(' ').length);
  let values: Record<string, string | boolean | undefined>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: rest,
      strict: true,
      allowPositionals: local?.positional !== undefined,
      options: {
        json: { type: 'boolean' },
        ...Object.fromEntries(Object.entries(spec.options).map(([k, o]) => [k, { type: o.boolean ? 'boolean' : 'string' } as const])),
      },
    }) as { values: Record<string, string | boolean | undefined>; positionals: string[] });
  } catch (error) {
    throw new UsageError(`${command}: ${(error as Error).message.replace(/\. To specify.*$/s, '')}`);
  }
  const args: CommandArgs = {};
  for (const [k, v] of Object.entries(values)) if (k !== 'json') args[argumentKey(k)] = v;
  if (local?.positional !== undefined && positionals.length !== 1) {
    throw new UsageError(`${command}: exactly one ${local.positional} is required`);
  }
  if (!local) {
    try {
      checkCommandArgs(command, args);
    } catch (error) {
      if (error instanceof AdminInputError) throw new UsageError(`${command}: ${error.argument} ${error.message}`);
      throw error;
    }
  }
  return { command, args, json: values.json === true, ...(local?.positional !== undefined ? { positionals } : {}) };
}

export function usage(): string {
  const lines = ['Usage: hub <command> [options] [--json]', '', 'Commands:'];
  for (const [name, spec] of [...Object.entries(LOCAL), ...Object.entries(COMMANDS)] as [string, LocalCommand][]) {
    const flags = Object.entries(spec.options).map(([f, o]) => (o.required ? `--${f} <${f}>` : `[--${f} <${f}>]`)).join(' ');
    lines.push(`  hub ${name} ${spec.positional ?? ''} ${flags}`.replace(/ +/g, ' ').trimEnd(), `      ${spec.summary}`);
  }
  lines.push('', 'Embedded mode (no DATABASE_URL): while the hub runs, commands go through its admin socket', '(HUB_DATA_DIR/admin.sock); otherwise they open the data directory directly.');
  return lines.join('\n');
}
