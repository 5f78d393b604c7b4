// Issue 11 "Must show", query limits over real HTTP: the fragment bomb, introspection and
// `__typename` floods and a 26 × 30 `persons` fan-out are each refused with QUERY_TOO_COMPLEX
// naming the limit — before any resolver, so with no upstream call — while a normal query still
// passes and reports its cost. Each valid document is sent on both execution paths: a plain POST
// takes the prepared-operation path, a POST carrying an `extensions` object goes through Apollo.
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { expect } from '../support/expect.js';
import { ALL_SCOPE_NAMES } from '@hub/policy';
import { personas } from '@hub/sandbox';
import { startTestHub, type TestHub } from '../support/test-hub.js';

let t: TestHub;
let token: string;
let operatorId: string;

const PATHS = [['prepared', undefined], ['apollo', {}]] as const;

/** POST /graphql; `extensions` set (even `{}`) sends the request through Apollo's pipeline. */
async function post(query: string, variables?: Record<string, unknown>, extensions?: object) {
  const res = await fetch(`${t.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables, ...(extensions ? { extensions } : {}) }),
    signal: AbortSignal.timeout(20_000),
  });
  const text = await res.text();
  return { status: res.status, text, body: JSON.parse(text) as { data?: any; errors?: { extensions?: Record<string, unknown> }[]; extensions?: any } };
}

const limitsOf = (body: { errors?: { extensions?: Record<string, unknown> }[] }) => (body.errors ?? []).map((e) => e.extensions?.limit);

async function sandboxCalls(): Promise<unknown[]> {
  const res = await fetch(`${t.url}/sandbox/_stats`, { headers: { authorization: 'Bearer sandbox' } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { calls: unknown[] }).calls;
}

beforeAll(async () => {
  t = await startTestHub();
  const op = await t.hub.admin.addOperator({ name: 'Mairie de Testville', siret: '21750001600019' });
  operatorId = op.id;
  await t.hub.admin.grantHabilitation({ operator: op.id, scopes: ALL_SCOPE_NAMES.join(','), purpose: 'Tarification sociale', legalBasis: 'CRPA L114-8' });
  token = (await t.hub.admin.issueToken({ operator: op.id, ttl: '1h' })).token;
});

afterAll(async () => {
  await t?.close();
});

describe('documents refused at validation (both paths validate with the same rules)', () => {
  it('refuses the exponential fragment document with QUERY_TOO_COMPLEX, /healthz answering meanwhile', async () => {
    let text = 'fragment F0 on Query { __typename }\n';
    for (let i = 1; i <= 24; i++) text += `fragment F${i} on Query { ...F${i - 1} ...F${i - 1} }\n`;
    text += '{ ...F24 }';
    expect(text.length).toBeLessThan(1100);

    const bombs = PATHS.flatMap(([, extensions]) => [post(text, undefined, extensions), post(text, undefined, extensions)]);
    const health = await fetch(`${t.url}/healthz`, { signal: AbortSignal.timeout(5_000) });
    expect(health.status).toBe(200);
    for (const r of await Promise.all(bombs)) {
      expect(r.status).toBe(400);
      expect(r.body.errors![0]!.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', limit: 'fields' });
      expect(r.body.data).toBeUndefined();
    }
  }, 30_000);

  it('refuses 1,000 aliased __schema (one introspection root per document)', async () => {
    const query = `{ ${Array.from({ length: 1000 }, (_, i) => `s${i}: __schema { types { name } }`).join(' ')} }`;
    const r = await post(query);
    expect(r.status).toBe(400);
    expect(r.body.errors!.every((e) => e.extensions?.code === 'QUERY_TOO_COMPLEX')).toBe(true);
    // Over the token limit, the parser stops there: that limit alone is reported, without locations.
    expect(r.body.errors).toEqual([{ message: 'The document has more than 2000 tokens.', extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'tokens' } }]);
    // Under it, each exceeded limit is reported.
    const small = await post(`{ ${Array.from({ length: 20 }, (_, i) => `s${i}: __schema { types { name } }`).join(' ')} }`);
    expect(limitsOf(small.body)).toEqual(expect.arrayContaining(['introspection', 'aliases']));
  });

  it('refuses 5,000 aliased __typename (aliases of __typename count)', async () => {
    const query = `{ ${Array.from({ length: 5000 }, (_, i) => `t${i}: __typename`).join(' ')} }`;
    const r = await post(query);
    expect(r.status).toBe(400);
    expect(limitsOf(r.body)).toEqual(['tokens']);
    // Under the token limit, the alias limit alone refuses (16 aliases).
    const small = await post(`{ ${Array.from({ length: 16 }, (_, i) => `t${i}: __typename`).join(' ')} }`);
    expect(limitsOf(small.body)).toEqual(['aliases']);
  });
});

describe('upstream calls estimated before execution', () => {
  let familyDocument: string;

  beforeAll(async () => {
    const consents: string[] = [];
    for (const persona of personas.slice(0, 26)) {
      consents.push((await t.hub.admin.grantConsent({ operator: operatorId, scopes: 'cnaf_quotient_familial', purpose: 'Tarification sociale', persona: persona.id })).token);
    }
    const months = Array.from({ length: 30 }, (_, i) => `f${i}: family(year: ${2024 + Math.floor(i / 12)}, month: ${(i % 12) + 1}) { familyQuotient { value } }`);
    familyDocument = `{ persons(consents: [${consents.map((c) => JSON.stringify(c)).join(', ')}]) { ${months.join(' ')} } }`;
  });

  it.each(PATHS)('refuses 26 consents × 30 aliased family with limit upstreamCalls and no upstream call (%s path)', async (_path, extensions) => {
    await fetch(`${t.url}/sandbox/_stats/reset`, { method: 'POST', headers: { authorization: 'Bearer sandbox' } });
    // As sent by the attacker (780 calls): its 30 aliases are refused at validation already.
    const full = await post(familyDocument, undefined, extensions);
    expect(full.status).toBe(400);
    expect(limitsOf(full.body)).toEqual(['aliases']);
    // Within the alias limit (15 months × 26 subjects = 390 calls): refused by the estimate.
    const fifteen = familyDocument.replace(/ f(1[5-9]|2\d): family\([^)]*\) \{ familyQuotient \{ value \} \}/g, '');
    const r = await post(fifteen, undefined, extensions);
    expect(r.status).toBe(400);
    expect(r.body.data).toBeUndefined();
    expect(r.body.errors).toEqual([{ message: expect.any(String), extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'upstreamCalls' } }]);
    expect(await sandboxCalls()).toEqual([]);
  });

  it('counts consents given in variables, and fields the habilitation lacks as nothing', async () => {
    const narrow = await t.hub.admin.addOperator({ name: 'Mairie étroite', siret: '21690123100011' });
    await t.hub.admin.grantHabilitation({ operator: narrow.id, scopes: 'identite_pivot', purpose: 'Tarification sociale', legalBasis: 'CRPA L114-8' });
    const narrowToken = (await t.hub.admin.issueToken({ operator: narrow.id, ttl: '1h' })).token;
    const query = `query($cs: [String!]!) { persons(consents: $cs) { identity { birthName } ${Array.from({ length: 10 }, (_, i) => `f${i}: family(month: ${i + 1}) { familyQuotient { value } }`).join(' ')} } }`;
    const cs = Array.from({ length: 10 }, (_, i) => `not-a-consent-${i}`);
    const wide = await post(query, { cs });
    expect(limitsOf(wide.body)).toEqual(['upstreamCalls']); // 10 × 10 = 100
    const res = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${narrowToken}` },
      body: JSON.stringify({ query, variables: { cs } }),
    });
    const body = (await res.json()) as { extensions: { cost: { upstreamCalls: number } } };
    expect(res.status).toBe(200);
    expect(body.extensions.cost.upstreamCalls).toBe(0);
  });
});

describe('a normal query', () => {
  it('passes on both paths with the same extensions.cost', async () => {
    const consent = (await t.hub.admin.grantConsent({ operator: operatorId, scopes: 'identite_pivot,cnaf_quotient_familial', purpose: 'Tarification sociale', persona: 'sophie-lambert' })).token;
    const query = 'query($c: String!) { viewer { name } person(consent: $c) { identity { birthName } family { familyQuotient { value } } now: family(month: 1) { familyQuotient { value } } } }';
    const [prepared, apollo] = await Promise.all(PATHS.map(([, extensions]) => post(query, { c: consent }, extensions)));
    for (const r of [prepared!, apollo!]) {
      expect(r.status).toBe(200);
      expect(r.body.data.person.identity.birthName).toEqual(expect.any(String));
      expect(r.body.extensions).toEqual({
        cost: {
          fields: 11, depth: 4, aliases: 1, directives: 0, tokens: expect.any(Number), upstreamCalls: 2,
          limits: { depth: 15, aliases: 15, directives: 50, tokens: 2000, fields: 1000, upstreamCalls: 50 },
        },
      });
    }
    expect(prepared!.text).toBe(apollo!.text);
  });
});
