// A citizen's journal entry names only the upstream calls made about them: under `persons`, the
// calls made for the other citizens of the same request are not theirs to read in their access
// log (docs/contract.md#journal). DataLoader still de-duplicates identical calls across the request: when two
// entries of `persons` are the very same call (same person twice), both entries list it.
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { exportJournal } from '@hub/store';
import type { JournalEntry } from '@hub/core';
import { expect } from '../support/expect.js';
import { gql, startTestHub, type TestHub } from '../support/test-hub.js';

const DGFIP_ROUTE = '/api/v2/avis-imposition';
const CNAF_ROUTE = '/v3/dss/quotient_familial/identite';

const QUERY = `query Q($cs: [String!]!) { persons(consents: $cs) {
  identity { birthName }
  family { familyQuotient { value } }
  taxHousehold { taxNotice { referenceTaxIncome } }
} }`;

let t: TestHub;
let operatorId: string;
let token: string;

async function consent(persona: string, scopes: string) {
  return t.hub.admin.grantConsent({ operator: operatorId, scopes, purpose: 'Tarif de la cantine', persona });
}

/** The request's entries by consent id. */
async function entriesOf(requestId: string | null): Promise<Map<string, JournalEntry>> {
  const out = new Map<string, JournalEntry>();
  for await (const e of exportJournal(t.hub.store.db.knex, { operatorId })) if (e.requestId === requestId) out.set(e.consentId, e);
  return out;
}

const routesOf = (e: JournalEntry | undefined) => (e?.upstreamCalls ?? []).map((c) => `${c.provider} ${c.route}`).sort();

beforeAll(async () => {
  t = await startTestHub();
  const op = await t.hub.admin.addOperator({ name: 'Mairie de Lyon', siret: '21690123100011' });
  operatorId = op.id;
  await t.hub.admin.grantHabilitation({
    operator: op.id, scopes: 'identite_pivot,cnaf_quotient_familial,dgfip_revenu_fiscal_reference', purpose: 'Cantine', legalBasis: 'CRPA',
  });
  token = (await t.hub.admin.issueToken({ operator: op.id, ttl: '1h' })).token;
});
afterAll(async () => t?.close());

describe('upstream calls in the journal are attributed to their subject', () => {
  it('under persons, each citizen\'s entry lists only the calls made about them', async () => {
    // Sophie consented to DGFIP only, Amina to CNAF only: each request fetches one source per citizen.
    const sophie = await consent('sophie-lambert', 'identite_pivot,dgfip_revenu_fiscal_reference');
    const amina = await consent('amina-bensalem', 'identite_pivot,cnaf_quotient_familial');
    const r = await gql(t.url, token, QUERY, { cs: [sophie.token, amina.token] });
    expect(r.status).toBe(200);
    const [s, a] = r.body.data.persons;
    expect(s.taxHousehold.taxNotice.referenceTaxIncome).toBe(58200);
    expect(a.family.familyQuotient.value).toBe(310);

    const entries = await entriesOf(r.headers.get('x-request-id'));
    expect(entries.size).toBe(2);
    expect(routesOf(entries.get(sophie.id)), 'Sophie\'s entry').toEqual([`DGFIP ${DGFIP_ROUTE}`]);
    expect(routesOf(entries.get(amina.id)), 'Amina\'s entry').toEqual([`CNAV ${CNAF_ROUTE}`]);
  });

  it('two citizens calling the same route each list their own call, once', async () => {
    const scopes = 'identite_pivot,cnaf_quotient_familial';
    const sophie = await consent('sophie-lambert', scopes);
    const amina = await consent('amina-bensalem', scopes);
    const r = await gql(t.url, token, QUERY, { cs: [sophie.token, amina.token] });
    expect(r.status).toBe(200);
    const entries = await entriesOf(r.headers.get('x-request-id'));
    expect(routesOf(entries.get(sophie.id)), 'Sophie\'s entry').toEqual([`CNAV ${CNAF_ROUTE}`]);
    expect(routesOf(entries.get(amina.id)), 'Amina\'s entry').toEqual([`CNAV ${CNAF_ROUTE}`]);
    expect(entries.get(sophie.id)!.upstreamCalls[0]).toMatchObject({ status: 200, outcome: 'ok' });
    expect(entries.get(amina.id)!.upstreamCalls[0]).toMatchObject({ status: 200, outcome: 'ok' });
  });

  it('the same person twice: the one shared call is listed in both entries', async () => {
    const scopes = 'identite_pivot,cnaf_quotient_familial';
    const first = await consent('sophie-lambert', scopes);
    const second = await consent('sophie-lambert', scopes);
    const other = await consent('amina-bensalem', 'identite_pivot,dgfip_revenu_fiscal_reference');
    const r = await gql(t.url, token, QUERY, { cs: [first.token, second.token, other.token] });
    expect(r.status).toBe(200);
    const entries = await entriesOf(r.headers.get('x-request-id'));
    expect(routesOf(entries.get(first.id)), 'first consent').toEqual([`CNAV ${CNAF_ROUTE}`]);
    expect(routesOf(entries.get(second.id)), 'second consent').toEqual([`CNAV ${CNAF_ROUTE}`]);
    expect(routesOf(entries.get(other.id)), 'Amina\'s entry').toEqual([`DGFIP ${DGFIP_ROUTE}`]);
  });
});
