/** The CLI's commands and their options (DESIGN.md §10). Flags are kebab-case on the command line. */
export type CommandSpec = {
  summary: string;
  options: Record<string, { required?: boolean; help: string; boolean?: boolean }>;
};

export const COMMANDS: Record<string, CommandSpec> = {
  start: { summary: 'Run the hub (HTTP server) with the configuration from the environment', options: {} },
  migrate: { summary: 'Apply pending database migrations', options: {} },
  'operator add': { summary: 'Register an operator', options: { name: { required: true, help: 'operator name' }, siret: { required: true, help: '14-digit SIRET' }, contact: { help: 'contact e-mail' } } },
  'operator delete': { summary: "Delete an operator (its tokens stop working)", options: { id: { required: true, help: 'operator id' } } },
  'operator list': { summary: 'List operators', options: {} },
  'habilitation grant': {
    summary: 'Grant a habilitation (scopes, purpose, legal basis) to an operator',
    options: {
      operator: { required: true, help: 'operator id' },
      scopes: { required: true, help: 'comma-separated scopes of the catalogue' },
      purpose: { required: true, help: 'purpose (finalité), plain text' },
      'purpose-code': { help: 'short purpose code (default: derived from --purpose)' },
      'legal-basis': { required: true, help: 'legal basis (cadre juridique)' },
      until: { help: 'end of validity, YYYY-MM-DD' },
    },
  },
  'token issue': { summary: 'Issue an operator API token', options: { operator: { required: true, help: 'operator id' }, ttl: { help: 'lifetime, e.g. 3600, 12h, 90d (default 90d)' } } },
  'token revoke': { summary: 'Revoke an operator API token', options: { jti: { required: true, help: 'token id (jti)' } } },
  'consent grant': {
    summary: 'Sandbox only: create a consent for a persona or an identity, print its token',
    options: {
      operator: { required: true, help: 'operator id' },
      scopes: { required: true, help: 'comma-separated scopes (within the operator habilitation)' },
      purpose: { required: true, help: 'purpose shown to the citizen' },
      persona: { help: 'sandbox persona id (see hub sandbox personas)' },
      identity: { help: 'identity JSON with API Particulier v3 names (+ numeroFiscal, referenceAvis, identifiantFranceTravail, ine)' },
      ttl: { help: 'lifetime (default 30d)' },
    },
  },
  'consent revoke': { summary: 'Revoke a consent', options: { id: { required: true, help: 'consent id' } } },
  'sandbox personas': { summary: 'List the sandbox personas', options: {} },
  'audit verify': { summary: 'Verify the journal hash chain (exit code 1 on the first broken link, gap or edited row)', options: {} },
  'audit export': {
    summary: "An operator's journal entries, as JSON lines",
    options: { operator: { required: true, help: 'operator id' }, since: { help: 'from this date (YYYY-MM-DD)' }, until: { help: 'before this date' } },
  },
  'audit prune': { summary: 'Remove entries older than the retention period, behind a signed checkpoint', options: { before: { help: 'cut-off date (default: now − HUB_JOURNAL_RETENTION_MONTHS)' } } },
  'key rotate': { summary: 'Add a new signing key (older keys keep verifying)', options: {} },
  'key retire': { summary: 'Retire a signing key (its tokens stop working)', options: { kid: { required: true, help: 'key id' } } },
  'key list': { summary: 'List signing keys', options: {} },
};
