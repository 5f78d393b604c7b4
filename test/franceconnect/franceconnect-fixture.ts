import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { SANDBOX_FRANCECONNECT } from '@hub/sandbox';
import { HttpBrowser, hiddenFields } from '../citizen/http-browser.js';
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

/** Who logs in at the sandbox IdP: a persona, or an identity typed in its form (API Particulier names). */
export type IdpLogin = { persona: string } | { identity: Record<string, string> };

/**
 * A FranceConnect access token of the sandbox IdP, obtained as the operator's FranceConnect client
 * would (authorization code flow through the login page; the hub's `/me/callback` is a registered
 * redirect URI). `keep` chooses which of the data scopes the citizen leaves ticked on the IdP's
 * scope page (default: all of them, as the page ticks them).
 */
export async function idpFranceConnectToken(url: string, login: IdpLogin, scope: string, keep?: (scope: string) => boolean): Promise<string> {
  const browser = new HttpBrowser();
  const redirectUri = `${url}/me/callback`;
  const authorize = new URL(`${url}/sandbox/idp/authorize`);
  for (const [k, v] of Object.entries({ client_id: SANDBOX_FRANCECONNECT.operatorClientId, redirect_uri: redirectUri, response_type: 'code', scope, state: 'st', nonce: 'no' })) authorize.searchParams.set(k, v);
  const page = await browser.get(authorize.toString());
  const form = hiddenFields(page.body);
  if ('persona' in login) form.set('persona', login.persona);
  else {
    form.set('action', 'identity');
    for (const [k, v] of Object.entries(login.identity)) form.set(k, v);
  }
  let hop = await browser.postForm(authorize.toString(), form);
  if (hop.status === 200 && hop.body.includes('name="data_scope"')) {
    // The scope page: the login carried through as hidden fields, one checkbox per data scope.
    const consent = new URLSearchParams();
    for (const m of hop.body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) consent.append(m[1]!, decodeEntities(m[2]!));
    for (const m of hop.body.matchAll(/<input type="checkbox"[^>]*name="data_scope" value="([^"]+)"/g)) {
      if (!keep || keep(m[1]!)) consent.append('data_scope', m[1]!);
    }
    consent.set('action', 'scopes');
    hop = await browser.postForm(authorize.toString(), consent);
  }
  if (hop.status !== 302) throw new Error(`IdP login failed (${hop.status}): ${hop.body.slice(0, 500)}`);
  const code = new URL(hop.location!).searchParams.get('code')!;
  const res = await fetch(`${url}/sandbox/idp/token`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: SANDBOX_FRANCECONNECT.operatorClientId }).toString(),
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

function decodeEntities(value: string): string {
  const entities: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
  return value.replace(/&(amp|lt|gt|quot|#39);/g, (e) => entities[e]!);
}
