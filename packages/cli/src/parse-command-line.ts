import { parseArgs } from 'node:util';
import { UsageError } from './cli-error.js';
import { COMMANDS, type CommandSpec } from './command-table.js';

export type ParsedCommand = { command: string; spec: CommandSpec; args: Record<string, string | boolean | undefined>; json: boolean };

const camel = (flag: string) => flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** `hub <command> [subcommand] --flag value ...` → command name and camelCased arguments. */
export function parseCommandLine(argv: string[]): ParsedCommand {
  const words = argv.slice(0, 2).filter((w) => !w.startsWith('-'));
  const command = [words.join(' '), words[0] ?? ''].find((c) => c in COMMANDS);
  if (!command) {
    throw new UsageError(words.length ? `unknown command: ${words.join(' ')} (see hub --help)` : 'a command is required (see hub --help)');
  }
  const spec = COMMANDS[command]!;
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
  for (const [flag, o] of Object.entries(spec.options)) {
    if (o.required && (values[flag] === undefined || values[flag] === '')) throw new UsageError(`${command}: --${flag} is required (${o.help})`);
  }
  const args: Record<string, string | boolean | undefined> = {};
  for (const [k, v] of Object.entries(values)) if (k !== 'json') args[camel(k)] = v;
  return { command, spec, args, json: values.json === true };
}

export function usage(): string {
  const lines = ['Usage: hub <command> [options] [--json]', '', 'Commands:'];
  for (const [name, spec] of Object.entries(COMMANDS)) {
    const flags = Object.entries(spec.options).map(([f, o]) => (o.required ? `--${f} <${f}>` : `[--${f} <${f}>]`)).join(' ');
    lines.push(`  hub ${name} ${flags}`.trimEnd(), `      ${spec.summary}`);
  }
  lines.push('', 'Embedded mode (no DATABASE_URL): while the hub runs, commands go through its admin socket', '(HUB_DATA_DIR/admin.sock); otherwise they open the data directory directly.');
  return lines.join('\n');
}
