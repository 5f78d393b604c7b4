import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { SANDBOX_FRANCECONNECT } from '@hub/sandbox';
import { startTestHub, gql, type TestHub } from '../support/test-hub.js';

export type CallCount = { route: string; params: Record<string, string | string[]>; count: number };

/** The vendored staging check-token cases (the sandbox answers them by their `token`). */
const CASES_DIR = fileURLToPath(new URL('../../packages/sandbox/fixtures/siade_staging_data/payloads/france_connect/', import.meta.url));

export type StagingCase = { file: string; token: string; introspection: Record<string, any> };

export function stagingCases(): StagingCase[] {
  return readdirSync(CASES_DIR).filter((f) => /\.ya?ml$/.test(f)).sort().map((file) => {
    const staged = parse(readFileSync(CASES_DIR + file, 'utf8')) as { params: { token: string }; payload: string };
    return { file, token: staged.params.token, introspection: JSON.parse(staged.payload).token_introspection };
  });
}

export type FranceConnectWorld = {
  t: TestHub;
  /** The operator whose FranceConnect client obtained the staging tokens (the sandbox's). */
  operator: string;
  token: string;
  /** Another operator, with another FranceConnect client. */
  other: string;
  otherToken: string;
  query(franceConnectToken: string, selection?: string, token?: string): ReturnType<typeof gql>;
  calls(): Promise<CallCount[]>;
  resetCalls(): Promise<void>;
};

/** A hub in sandbox mode with two operators habilitated for `scopes`; the first holds the sandbox's FranceConnect client. */
export async function startFranceConnectWorld(scopes: readonly string[], env: Record<string, string> = {}): Promise<FranceConnectWorld> {
  const t = await startTestHub(env);
  const a = await t.hub.admin.addOperator({ name: 'Mairie de Testville', siret: '21750001600019' });
  const b = await t.hub.admin.addOperator({ name: 'Mairie de Voisinville', siret: '21130055300016' });
  for (const op of [a.id, b.id]) {
    await t.hub.admin.grantHabilitation({ operator: op, scopes: scopes.join(','), purpose: 'Tarification sociale', legalBasis: 'CRPA L114-8' });
  }
  await t.hub.admin.setFranceConnectClient({ operator: a.id, clientId: SANDBOX_FRANCECONNECT.operatorClientId });
  await t.hub.admin.setFranceConnectClient({ operator: b.id, clientId: 'voisinville-fc-client' });
  const token = (await t.hub.admin.issueToken({ operator: a.id, ttl: '1h' })).token;
  const otherToken = (await t.hub.admin.issueToken({ operator: b.id, ttl: '1h' })).token;
  const sandboxAuth = { authorization: 'Bearer sandbox' };
  return {
    t, operator: a.id, token, other: b.id, otherToken,
    query: (fc, selection = 'identity { birthName usageName firstNames sex birthDate birthPlaceCode birthCountryCode }', as = token) =>
      gql(t.url, as, `query($fc: String!) { person(franceConnectToken: $fc) { ${selection} } }`, { fc }),
    calls: async () => ((await (await fetch(`${t.url}/sandbox/_stats`, { headers: sandboxAuth })).json()) as { calls: CallCount[] }).calls,
    resetCalls: async () => {
      await fetch(`${t.url}/sandbox/_stats/reset`, { method: 'POST', headers: sandboxAuth });
    },
  };
}
