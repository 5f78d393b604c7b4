// The whole loop on the real hub: an operator reads a citizen's data with her consent; she logs in
// at the (sandbox) identity provider and finds that access in her log, in plain French — and her
// husband, logging in, does not.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { personas, type Persona } from '@hub/sandbox';
import { gql, startTestHub, type TestHub } from '../support/test-hub.js';
import { HttpBrowser, hiddenFields } from '../citizen/http-browser.js';

let t: TestHub;
const who = (id: string): Persona => personas.find((p) => p.id === id)!;

async function loggedIn(p: Persona): Promise<HttpBrowser> {
  const browser = new HttpBrowser();
  const start = await browser.get(`${t.url}/me/access-log`);
  expect(start.status).toBe(303);
  const authorize = new URL(start.location!);
  expect(authorize.pathname).toBe('/sandbox/idp/authorize');
  const page = await browser.get(authorize.toString());
  const form = hiddenFields(page.body);
  form.set('persona', p.id);
  const chosen = await browser.postForm(new URL('authorize', authorize).toString(), form);
  const callback = await browser.get(chosen.location!);
  expect(callback.status).toBe(303);
  return browser;
}

beforeAll(async () => {
  t = await startTestHub();
  const op = await t.hub.admin.addOperator({ name: 'Mairie de Lyon', siret: '21690123100011' });
  await t.hub.admin.grantHabilitation({ operator: op.id, scopes: 'cnaf_quotient_familial,cnaf_enfants', purpose: 'Cantine', legalBasis: 'CRPA' });
  const { token } = await t.hub.admin.issueToken({ operator: op.id, ttl: '1h' });
  const consent = await t.hub.admin.grantConsent({ operator: op.id, scopes: 'cnaf_quotient_familial', purpose: 'Tarification de la cantine scolaire', persona: 'sophie-lambert' });
  const r = await gql(t.url, token, 'query Q($c: String!) { person(consent: $c) { family { familyQuotient { value } } } }', { c: consent.token });
  expect(r.body.data.person.family.familyQuotient.value).toBe(780);
});
afterAll(async () => t?.close());

describe('citizen access log on the real hub', () => {
  it('shows the citizen who read which data, when and why', async () => {
    const browser = await loggedIn(who('sophie-lambert'));
    const log = JSON.parse((await browser.get(`${t.url}/me/access-log?format=json`)).body);
    expect(log.entries).toHaveLength(1);
    expect(log.entries[0]).toMatchObject({
      operator: { name: 'Mairie de Lyon', siret: '21690123100011' },
      purpose: 'Tarification de la cantine scolaire',
      data: [expect.objectContaining({ scope: 'cnaf_quotient_familial', label: 'Quotient familial (CAF ou MSA)' })],
    });
    const html = (await browser.get(`${t.url}/me/access-log`)).body;
    expect(html).toContain('Mairie de Lyon');
    expect(html).toContain('Quotient familial (CAF ou MSA)');
  });

  it("does not show one citizen's entries to another", async () => {
    const browser = await loggedIn(who('julien-lambert'));
    const log = JSON.parse((await browser.get(`${t.url}/me/access-log?format=json`)).body);
    expect(log.entries).toEqual([]);
  });
});
