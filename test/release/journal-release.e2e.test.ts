import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { exportJournal, verifyJournal, type Store } from '@hub/store';
import type { JournalEntry } from '@hub/core';
import { gql, startTestHub, type TestHub } from '../support/test-hub.js';

let t: TestHub;
let store: Store;
let operatorId: string;
let token: string;

const QUERY = `query Q($c: String!) { person(consent: $c) { identity { birthName } family { familyQuotient { value } } } }`;

async function entries(): Promise<JournalEntry[]> {
  const out: JournalEntry[] = [];
  for await (const e of exportJournal(store.db.knex, { operatorId })) out.push(e);
  return out;
}

async function consent(persona: string, scopes = 'identite_pivot,cnaf_quotient_familial') {
  return t.hub.admin.grantConsent({ operator: operatorId, scopes, purpose: 'Tarif de la cantine', persona });
}

beforeAll(async () => {
  t = await startTestHub();
  store = t.hub.store;
  const op = await t.hub.admin.addOperator({ name: 'Mairie de Lyon', siret: '21690123100011' });
  operatorId = op.id;
  await t.hub.admin.grantHabilitation({ operator: op.id, scopes: 'identite_pivot,cnaf_quotient_familial,cnaf_enfants', purpose: 'Cantine', legalBasis: 'CRPA' });
  token = (await t.hub.admin.issueToken({ operator: op.id, ttl: '1h' })).token;
});
afterAll(async () => t?.close());

describe('journal on the release path', () => {
  it('records one pseudonymous entry per released subject before the response', async () => {
    const c = await consent('sophie-lambert');
    const r = await gql(t.url, token, QUERY, { c: c.token });
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data.person.identity.birthName).toBe('FONTAINE');
    const all = await entries();
    expect(all).toHaveLength(1);
    const e = all[0]!;
    expect(e).toMatchObject({ operatorId, consentId: c.id, purpose: 'Tarif de la cantine', requestId: r.headers.get('x-request-id') });
    expect(e.releasedFields).toEqual(expect.arrayContaining(['Person.identity', 'FamilyHousehold.familyQuotient', 'FamilyQuotient.value']));
    expect(e.releasedScopes).toEqual(['cnaf_quotient_familial', 'identite_pivot']);
    expect(e.upstreamCalls).toEqual([expect.objectContaining({ provider: 'CNAV', route: '/v3/dss/quotient_familial/identite', outcome: 'ok', status: 200 })]);
    // Pseudonymous: nothing of the identity pivot in the entry.
    expect(JSON.stringify(e)).not.toMatch(/FONTAINE|LAMBERT|SOPHIE/i);
  });

  it('records denied fields, and writes nothing when nothing is released', async () => {
    const onlyQf = await consent('julien-lambert', 'cnaf_quotient_familial');
    const before = (await entries()).length;
    const denied = await gql(t.url, token, `query Q($c: String!) { person(consent: $c) { identity { birthName } } }`, { c: onlyQf.token });
    expect(denied.body.errors![0]!.extensions).toEqual({ code: 'CONSENT_SCOPE_MISSING', scope: 'identite_pivot' });
    expect((await entries()).length).toBe(before);
    const partly = await gql(t.url, token, QUERY, { c: onlyQf.token });
    expect(partly.body.data.person.family.familyQuotient.value).toBe(780);
    const last = (await entries()).at(-1)!;
    expect(last.deniedFields).toEqual([{ path: 'Person.identity', code: 'CONSENT_SCOPE_MISSING', scope: 'identite_pivot' }]);
  });

  it('keeps the chain valid under 50 parallel requests', async () => {
    const c = await consent('sophie-lambert');
    const before = (await entries()).length;
    const results = await Promise.all(Array.from({ length: 50 }, () => gql(t.url, token, QUERY, { c: c.token })));
    expect(results.every((r) => r.status === 200 && r.body.data.person.family.familyQuotient.value === 780)).toBe(true);
    expect((await entries()).length).toBe(before + 50);
    expect(await verifyJournal(store.db.knex)).toMatchObject({ ok: true });
  });

  it('withholds the personal data when the journal cannot be written', async () => {
    const c = await consent('sophie-lambert');
    await store.db.knex.raw('alter table journal_entries rename to journal_entries_away');
    try {
      const r = await gql(t.url, token, `query Q($c: String!) { viewer { siret } person(consent: $c) { identity { birthName } } }`, { c: c.token });
      expect(r.body.data.person).toBeNull();
      expect(r.body.data.viewer.siret).toBe('21690123100011');
      expect(JSON.stringify(r.body)).not.toMatch(/FONTAINE/);
      expect(r.body.errors).toEqual([expect.objectContaining({ extensions: { code: 'INTERNAL_SERVER_ERROR', reason: 'journal_unavailable', retryAfter: 5 } })]);
      const list = await gql(t.url, token, `query Q($c: [String!]!) { persons(consents: $c) { identity { birthName } } }`, { c: [c.token, c.token] });
      expect(list.body.data.persons).toEqual([null, null]);
    } finally {
      await store.db.knex.raw('alter table journal_entries_away rename to journal_entries');
    }
    const again = await gql(t.url, token, QUERY, { c: c.token });
    expect(again.body.data.person.identity.birthName).toBe('FONTAINE');
  });
});
