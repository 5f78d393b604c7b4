import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/** Vendored `payloads/france_connect/` (same relative path from `src/` and `dist/`). */
const CASES_DIR = fileURLToPath(new URL('../../fixtures/siade_staging_data/payloads/france_connect/', import.meta.url));

/** A check-token answer of the corpus: the signed payload (`token_introspection`, `aud`, `iat`, `iss`). */
export type CheckTokenCase = { token: string; payload: Record<string, unknown> & { token_introspection: Record<string, unknown> } };

/**
 * The staging corpus's check-token cases, by their `token` parameter (`all_fc`,
 * `cnous_with_less_scopes`, ...). Parsed once per process; every file of the folder is a case.
 */
export function loadCheckTokenCases(): ReadonlyMap<string, CheckTokenCase> {
  const cases = new Map<string, CheckTokenCase>();
  for (const file of readdirSync(CASES_DIR).sort()) {
    if (!/\.ya?ml$/.test(file)) continue;
    const staged = parse(readFileSync(CASES_DIR + file, 'utf8')) as { params?: { token?: unknown }; payload: string };
    const token = staged.params?.token;
    if (typeof token !== 'string' || cases.has(token)) continue;
    cases.set(token, { token, payload: JSON.parse(staged.payload) as CheckTokenCase['payload'] });
  }
  return cases;
}
