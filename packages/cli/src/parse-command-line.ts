import { parseArgs } from 'node:util';
import { AdminInputError, COMMANDS, argumentKey, checkCommandArgs, type CommandArgs, type CommandOption } from '@hub/gateway';
import { UsageError } from './cli-error.js';

/** What the CLI itself runs rather than sends to a hub: the hub. Every other command is in COMMANDS. */
const START = { summary: 'Run the hub (HTTP server) with the configuration from the environment', options: {} as Record<string, CommandOption> };

export type ParsedCommand = { command: string; args: CommandArgs; json: boolean };

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
    if (candidate === 'start' || Object.hasOwn(COMMANDS, candidate)) command = candidate;
  }
  if (!command) {
    throw new UsageError(words.length ? `unknown command: ${words.join(' ')} (see hub --help)` : 'a command is required (see hub --help)');
  }
  const spec = command === 'start' ? START : COMMANDS[command]!;
  const rest = argv.slice(command.split(' ').length);
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: rest,
      strict: true,
      allowPositionals: false,
      options: {
        json: { type: 'boolean' },
        ...Object.fromEntries(Object.entries(spec.options).map(([k, o]) => [k, { type: o.boolean ? 'boolean' : 'string' } as const])),
      },
    }) as { values: Record<string, string | boolean | undefined> });
  } catch (error) {
    throw new UsageError(`${command}: ${(error as Error).message.replace(/\. To specify.*$/s, '')}`);
  }
  const args: CommandArgs = {};
  for (const [k, v] of Object.entries(values)) if (k !== 'json') args[argumentKey(k)] = v;
  if (command !== 'start') {
    try {
      checkCommandArgs(command, args);
    } catch (error) {
      if (error instanceof AdminInputError) throw new UsageError(`${command}: ${error.argument} ${error.message}`);
      throw error;
    }
  }
  return { command, args, json: values.json === true };
}

export function usage(): string {
  const lines = ['Usage: hub <command> [options] [--json]', '', 'Commands:'];
  for (const [name, spec] of [['start', START] as const, ...Object.entries(COMMANDS)]) {
    const flags = Object.entries(spec.options).map(([f, o]) => (o.required ? `--${f} <${f}>` : `[--${f} <${f}>]`)).join(' ');
    lines.push(`  hub ${name} ${flags}`.trimEnd(), `      ${spec.summary}`);
  }
  lines.push('', 'Embedded mode (no DATABASE_URL): while the hub runs, commands go through its admin socket', '(HUB_DATA_DIR/admin.sock); otherwise they open the data directory directly.');
  return lines.join('\n');
}
