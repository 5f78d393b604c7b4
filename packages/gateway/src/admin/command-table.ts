import { AdminInputError } from './admin-error.js';
import type { AdminService } from './admin-service.js';
import { formatResult } from './format-result.js';

/** Arguments as given on the command line, camelCased (`--legal-basis` → legalBasis). */
export type CommandArgs = Record<string, string | boolean | undefined>;

/** One flag of a command, kebab-case as typed (`--legal-basis`). */
export type CommandOption = { required?: boolean; help: string; boolean?: boolean };

/** What the CLI prints for a result, and its exit code (0 unless said). */
export type CommandOutput = { stdout: string[]; stderr?: string[]; exitCode?: number };

export type CommandDefinition<R = unknown> = {
  summary: string;
  options: Record<string, CommandOption>;
  /** Creates data without the citizen: refused unless the hub runs in sandbox mode (HUB_SANDBOX=1). */
  sandboxOnly?: boolean;
  /** The service call; the service validates the values and names the bad argument (AdminInputError). */
  run(service: AdminService, args: CommandArgs): Promise<R>;
  /** Output; by default one JSON object with `--json`, `key: value` lines otherwise. */
  render?(result: R, json: boolean): CommandOutput;
};

const str = (v: string | boolean | undefined): string | undefined => (typeof v === 'string' ? v : undefined);
const command = <R>(definition: CommandDefinition<R>): CommandDefinition => definition as CommandDefinition;

/**
 * Every administrative command, declared once: the `hub` CLI parses its command line and prints
 * its output from this table, and runs the command either in its own process (on the database) or
 * through the running hub's admin socket, which looks up the same entry. Adding a command is one
 * entry here (the CLI's own `start` aside, which runs the hub rather than a command on it).
 */
export const COMMANDS: Record<string, CommandDefinition> = {
  migrate: command({ summary: 'Apply pending database migrations', options: {}, run: (s) => s.migrate() }),
  'operator add': command({
    summary: 'Register an operator',
    options: { name: { required: true, help: 'operator name' }, siret: { required: true, help: '14-digit SIRET' }, contact: { help: 'contact e-mail' } },
    run: (s, a) => s.addOperator({ name: str(a.name), siret: str(a.siret), contact: str(a.contact) }),
  }),
  'operator delete': command({
    summary: 'Delete an operator (its tokens stop working)',
    options: { id: { required: true, help: 'operator id' } },
    run: (s, a) => s.deleteOperator({ id: str(a.id) }),
  }),
  'operator list': command({ summary: 'List operators', options: {}, run: (s) => s.listOperators() }),
  'habilitation grant': command({
    summary: 'Grant a habilitation (scopes, purpose, legal basis) to an operator',
    options: {
      operator: { required: true, help: 'operator id' },
      scopes: { required: true, help: 'comma-separated scopes of the catalogue' },
      purpose: { required: true, help: 'purpose (finalité), plain text' },
      'purpose-code': { help: 'short purpose code (default: derived from --purpose)' },
      'legal-basis': { required: true, help: 'legal basis (cadre juridique)' },
      until: { help: 'end of validity, YYYY-MM-DD' },
      'consent-days': { help: 'how long a citizen consent under it lasts, in days (default 30)' },
    },
    run: (s, a) => s.grantHabilitation({
      operator: str(a.operator), scopes: str(a.scopes), purpose: str(a.purpose), purposeCode: str(a.purposeCode),
      legalBasis: str(a.legalBasis), until: str(a.until), consentDays: str(a.consentDays),
    }),
  }),
  'operator redirect-uri add': command({
    summary: 'Register a redirect URI of the consent flow for an operator (compared as an exact string)',
    options: { operator: { required: true, help: 'operator id' }, uri: { required: true, help: 'absolute https URI (http on localhost only), no fragment' } },
    run: (s, a) => s.addRedirectUri({ operator: str(a.operator), uri: str(a.uri) }),
  }),
  'operator redirect-uri remove': command({
    summary: 'Remove a registered redirect URI',
    options: { operator: { required: true, help: 'operator id' }, uri: { required: true, help: 'the URI as registered' } },
    run: (s, a) => s.removeRedirectUri({ operator: str(a.operator), uri: str(a.uri) }),
  }),
  'operator redirect-uri list': command({
    summary: "List an operator's registered redirect URIs",
    options: { operator: { required: true, help: 'operator id' } },
    run: (s, a) => s.listRedirectUris({ operator: str(a.operator) }),
  }),
  'operator franceconnect-client': command({
    summary: "Register the operator's own FranceConnect client id (FranceConnect mode accepts only the tokens it obtained)",
    options: { operator: { required: true, help: 'operator id' }, 'client-id': { required: true, help: 'its FranceConnect client id ("none" removes it)' } },
    run: (s, a) => s.setFranceConnectClient({ operator: str(a.operator), clientId: str(a.clientId) }),
  }),
  'operator limits': command({
    summary: "Set an operator's rate limit and daily distinct-citizen quota (without values: show them)",
    options: {
      operator: { required: true, help: 'operator id' },
      rate: { help: 'requests a minute per token (default 250; "default" to reset)' },
      'daily-subjects': { help: 'distinct citizens a day per purpose (default 5000; "default" to reset)' },
    },
    run: (s, a) => s.setOperatorLimits({ operator: str(a.operator), rate: str(a.rate), dailySubjects: str(a.dailySubjects) }),
  }),
  'token issue': command({
    summary: 'Issue an operator API token',
    options: { operator: { required: true, help: 'operator id' }, ttl: { help: 'lifetime, e.g. 3600, 12h, 90d (default 90d)' } },
    run: (s, a) => s.issueToken({ operator: str(a.operator), ttl: str(a.ttl) }),
  }),
  'token revoke': command({
    summary: 'Revoke an operator API token',
    options: { jti: { required: true, help: 'token id (jti)' } },
    run: (s, a) => s.revokeToken({ jti: str(a.jti) }),
  }),
  'consent grant': command({
    summary: 'Sandbox only: create a consent for a persona or an identity, print its token',
    sandboxOnly: true,
    options: {
      operator: { required: true, help: 'operator id' },
      scopes: { required: true, help: 'comma-separated scopes (within the operator habilitation)' },
      purpose: { required: true, help: 'purpose shown to the citizen' },
      persona: { help: 'sandbox persona id (see hub sandbox personas)' },
      identity: { help: 'identity JSON with API Particulier v3 names (+ numeroFiscal, referenceAvis, identifiantFranceTravail, ine)' },
      ttl: { help: 'lifetime (default 30d)' },
    },
    run: (s, a) => s.grantConsent({
      operator: str(a.operator), scopes: str(a.scopes), purpose: str(a.purpose), persona: str(a.persona), identity: str(a.identity), ttl: str(a.ttl),
    }),
  }),
  'consent revoke': command({
    summary: 'Revoke a consent',
    options: { id: { required: true, help: 'consent id' } },
    run: (s, a) => s.revokeConsent({ id: str(a.id) }),
  }),
  'sandbox personas': command({ summary: 'List the sandbox personas', options: {}, run: async (s) => s.listPersonas() }),
  'audit verify': command({
    summary: 'Verify the journal hash chain (exit code 1 on the first broken link, gap or edited row)',
    options: {},
    run: (s) => s.auditVerify(),
    render: (result, json) => {
      const out = renderDefault(result, json);
      if (result.ok) return out;
      const r = result as unknown as { seq: number; problem: string; detail: string };
      return { ...out, stderr: [`journal verification failed at seq ${r.seq}: ${r.problem} (${r.detail})`], exitCode: 1 };
    },
  }),
  'audit export': command({
    summary: "An operator's journal entries, as JSON lines",
    options: { operator: { required: true, help: 'operator id' }, since: { help: 'from this date (YYYY-MM-DD)' }, until: { help: 'before this date' } },
    run: (s, a) => s.auditExport({ operator: str(a.operator), since: str(a.since), until: str(a.until) }),
    // JSON lines, one entry per line, whatever --json says.
    render: (result) => ({ stdout: result.entries.map((entry) => JSON.stringify(entry)) }),
  }),
  'audit prune': command({
    summary: 'Remove entries older than the retention period, behind a signed checkpoint',
    options: { before: { help: 'cut-off date (default: now − HUB_JOURNAL_RETENTION_MONTHS)' } },
    run: (s, a) => s.auditPrune({ before: str(a.before) }),
  }),
  'key rotate': command({ summary: 'Add a new signing key (older keys keep verifying)', options: {}, run: (s) => s.rotateKey() }),
  'key retire': command({
    summary: 'Retire a signing key (its tokens stop working)',
    options: { kid: { required: true, help: 'key id' } },
    run: (s, a) => s.retireKey({ kid: str(a.kid) }),
  }),
  'key list': command({ summary: 'List signing keys', options: {}, run: (s) => s.listKeys() }),
};

function renderDefault(result: unknown, json: boolean): CommandOutput {
  return { stdout: [json ? JSON.stringify(result) : formatResult(result)] };
}

/** A command line flag → its argument key (`legal-basis` → legalBasis). */
export const argumentKey = (flag: string): string => flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * Checks arguments against the command's declared options: an unknown argument or a missing
 * required one is an AdminInputError naming the flag. The CLI checks before sending; the admin
 * socket checks again what it receives.
 */
export function checkCommandArgs(name: string, args: CommandArgs): void {
  const definition = COMMANDS[name];
  if (!definition) throw new AdminInputError('command', `unknown command: ${name}`);
  const flags = new Map(Object.keys(definition.options).map((flag) => [argumentKey(flag), flag]));
  for (const key of Object.keys(args)) {
    if (!flags.has(key)) throw new AdminInputError(`--${key}`, `is not an option of ${name}`);
  }
  for (const [flag, option] of Object.entries(definition.options)) {
    const value = args[argumentKey(flag)];
    if (option.required && (value === undefined || value === '')) throw new AdminInputError(`--${flag}`, `is required (${option.help})`);
  }
}

/** Checks the arguments, then runs the command on the service. */
export async function runCommand(service: AdminService, name: string, args: CommandArgs): Promise<unknown> {
  checkCommandArgs(name, args);
  return COMMANDS[name]!.run(service, args);
}

/** What the CLI prints for a command's result. */
export function renderCommandResult(name: string, result: unknown, json: boolean): CommandOutput {
  const definition = COMMANDS[name];
  return definition?.render ? definition.render(result, json) : renderDefault(result, json);
}
