// The access log over the real journal: entries appended by the store's JournalWriter (PGlite, or
// PostgreSQL when DATABASE_URL is set), read back through the citizen space after a sandbox login.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { JournalEntryInput } from '@hub/core';
import { createStore, JournalWriter, type Store } from '@hub/store';
import { openTestDatabase } from '../support/test-database.js';
import { HttpBrowser, hiddenFields } from './http-browser.js';
import { JULIEN, SOPHIE, refOf, startCitizenFixture, type CitizenFixture } from './citizen-fixture.js';
import { storeAccessLog, storeOperatorDirectory } from '@hub/gateway';

let db: Awaited<ReturnType<typeof openTestDatabase>>;
let store: Store;
let f: CitizenFixture;

function input(subjectRef: string, operatorId: string, purpose: string, releasedScopes: string[]): JournalEntryInput {
  return {
    requestId: `req-${purpose.length}`, operatorId, tokenJti: 'jti', consentId: 'consent', subjectRef, purpose,
    releasedFields: ['person.family.familyQuotient.value'], releasedScopes, upstreamCalls: [], deniedFields: [],
  };
}

beforeAll(async () => {
  db = await openTestDatabase();
  store = createStore(db);
  const mairie = await store.operators.add({ name: 'Mairie de Villeurbanne', siret: '21690266800013' });
  const ccas = await store.operators.add({ name: 'CCAS de Lyon', siret: '26690001700016' });
  const writer = new JournalWriter(db.knex);
  await writer.append([input(refOf(SOPHIE), mairie.id, 'Tarification de la cantine scolaire', ['cnaf_quotient_familial'])]);
  await writer.append([input(refOf(JULIEN), ccas.id, 'Aide sociale facultative', ['dgfip_revenu_fiscal_reference'])]);
  await writer.append([input(refOf(SOPHIE), ccas.id, 'Aide au logement', ['dgfip_revenu_fiscal_reference', 'dgfip_nombre_parts'])]);
  await writer.close();
  // The operator stays in the log after its deletion.
  await store.operators.delete(ccas.id);
  f = await startCitizenFixture({ accessLog: storeAccessLog(store), operatorNames: storeOperatorDirectory(store) });
});
afterAll(async () => {
  await f?.close();
  await db?.close();
});

describe('access log over the journal store', () => {
  it('shows the logged-in citizen her committed entries only, newest first, with operator names', async () => {
    const browser = new HttpBrowser();
    const start = await browser.get(`${f.base}/me/access-log`);
    const authorize = new URL(start.location!);
    const form = hiddenFields((await browser.get(authorize.toString())).body);
    form.set('persona', SOPHIE.id);
    const chosen = await browser.postForm(new URL('authorize', authorize).toString(), form);
    expect((await browser.get(chosen.location!)).status).toBe(303);

    const r = await browser.get(`${f.base}/me/access-log?format=json`);
    expect(r.status).toBe(200);
    const body = JSON.parse(r.body) as { entries: { purpose: string; operator: { name: string; siret: string }; data: { label: string }[] }[]; next: string | null };
    expect(body.entries.map((e) => e.purpose)).toEqual(['Aide au logement', 'Tarification de la cantine scolaire']);
    expect(body.entries[0]!.operator).toMatchObject({ name: 'CCAS de Lyon', siret: '26690001700016' });
    expect(body.entries[0]!.data.map((d) => d.label)).toEqual(['Revenu fiscal de référence', 'Nombre de parts fiscales']);
    expect(body.entries[1]!.operator).toMatchObject({ name: 'Mairie de Villeurbanne' });
    expect(body.next).toBeNull();
    const html = await browser.get(`${f.base}/me/access-log`);
    expect(html.body).not.toContain('Aide sociale facultative');
  });
});
