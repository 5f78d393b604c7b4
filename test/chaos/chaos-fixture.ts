// Shared set-up of the chaos tests (docs/contract.md#upstreams): a hub over real HTTP on loopback,
// an operator habilitated for the whole catalogue, the sandbox's fault injection, and a counter of
// what the answers say. The figures each test prints are the experiment's record.
import { ALL_SCOPE_NAMES } from '@hub/policy';
import { expect } from '../support/expect.js';
import { startTestHub, type TestHub } from '../support/test-hub.js';

export type Fault = { route: string; latencyMs?: number; jitterMs?: number; errorRate?: number; status?: number; hang?: boolean };
export type GqlError = { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> };
export type Answer = { status: number; body: { data?: any; errors?: GqlError[] }; ms: number };

/** The sandbox's own token: its admin endpoints may require it, so it is always sent. */
const SANDBOX_AUTH = { authorization: 'Bearer sandbox' };

export type ChaosHub = TestHub & {
  token: string;
  consent(persona: string, scopes: string): Promise<string>;
  faults(faults: Fault[]): Promise<void>;
  clearFaults(): Promise<void>;
  query(query: string, consent: string, timeoutMs?: number): Promise<Answer>;
};

export async function startChaosHub(env: Record<string, string> = {}): Promise<ChaosHub> {
  // The rate limit would answer RATE_LIMITED long before the upstreams are stressed.
  const t = await startTestHub({ HUB_RATE_LIMIT_PER_MINUTE: '1000000', ...env });
  const op = await t.hub.admin.addOperator({ name: 'CCAS de Chaosville', siret: '21750001600019' });
  await t.hub.admin.grantHabilitation({ operator: op.id, scopes: ALL_SCOPE_NAMES.join(','), purpose: 'Aide sociale facultative', legalBasis: 'CASF L123-5' });
  const token = (await t.hub.admin.issueToken({ operator: op.id, ttl: '1h' })).token;
  return {
    ...t,
    token,
    consent: async (persona, scopes) => (await t.hub.admin.grantConsent({ operator: op.id, scopes, purpose: 'Aide sociale facultative', persona })).token,
    faults: async (faults) => {
      const res = await fetch(`${t.url}/sandbox/_faults`, { method: 'PUT', headers: { 'content-type': 'application/json', ...SANDBOX_AUTH }, body: JSON.stringify(faults) });
      expect(res.status, await res.clone().text()).toBe(200);
    },
    clearFaults: async () => {
      const res = await fetch(`${t.url}/sandbox/_faults`, { method: 'DELETE', headers: SANDBOX_AUTH });
      expect(res.status).toBe(200);
    },
    query: async (query, consent, timeoutMs = 30_000) => {
      const started = performance.now();
      const res = await fetch(`${t.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables: { c: consent } }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const body = (await res.json()) as Answer['body'];
      return { status: res.status, body, ms: performance.now() - started };
    },
  };
}

/** The reasons and codes of an answer's errors, e.g. "PROVIDER_UNAVAILABLE/overloaded". */
export function errorKinds(answer: Answer): string[] {
  return (answer.body.errors ?? []).map((e) => `${String(e.extensions?.code)}${e.extensions?.reason ? `/${String(e.extensions.reason)}` : ''}`);
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!);
}

/** Prints one experiment's figures (the closing note's record) and returns them. */
export function report<T extends Record<string, unknown>>(experiment: string, figures: T): T {
  process.stdout.write(`\n[chaos] ${experiment}: ${JSON.stringify(figures)}\n`);
  return figures;
}
