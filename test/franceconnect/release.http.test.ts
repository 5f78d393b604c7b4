// Issue 13 "Must show", over real HTTP: a FranceConnect access token issued by the sandbox IdP for a
// persona (the scopes the citizen granted) releases exactly those scopes' data; a field needing an
// identifier FranceConnect cannot give is null with `missing_identifier` and costs no upstream call;
// the journal records the consent kind and the hashed jti; the citizen's access log says "via FranceConnect".
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { exportJournal } from '@hub/store';
import { ALL_SCOPE_NAMES } from '@hub/policy';
import { HttpBrowser, hiddenFields } from '../citizen/http-browser.js';
import { idpFranceConnectToken, startFranceConnectWorld, stagingCases, type FranceConnectWorld } from './franceconnect-fixture.js';

let w: FranceConnectWorld;
beforeAll(async () => {
  w = await startFranceConnectWorld(ALL_SCOPE_NAMES);
});
afterAll(async () => w?.t.close());

/** A FranceConnect access token of the sandbox IdP: the operator's FranceConnect client, a persona, these scopes (all left ticked). */
async function franceConnectToken(persona: string, scope: string): Promise<string> {
  return idpFranceConnectToken(w.t.url, { persona }, scope);
}

async function entries() {
  const out = [];
  for await (const e of exportJournal(w.t.hub.store.db.knex, { operatorId: w.operator })) out.push(e);
  return out;
}

describe('a sandbox IdP token for a persona', () => {
  it('releases the granted scopes, nulls the others, and never calls an upstream for them', async () => {
    const token = await franceConnectToken('sophie-lambert', 'openid identite_pivot cnaf_quotient_familial pole_emploi_inscription');
    await w.resetCalls();
    const { body } = await w.query(token, `identity { birthName }
      family { familyQuotient { value } }
      jobSeeker { registration { startDate } }
      student { admissions { isRegistered } }`);
    expect(body.data.person.identity.birthName).toBe('FONTAINE');
    expect(body.data.person.family.familyQuotient.value).toBe(780);
    expect(body.data.person.jobSeeker).toBeNull();
    expect(body.data.person.student).toBeNull();
    expect(body.errors).toEqual(expect.arrayContaining([
      expect.objectContaining({ path: ['person', 'jobSeeker'], extensions: expect.objectContaining({ code: 'NOT_FOUND', reason: 'missing_identifier' }) }),
      expect.objectContaining({ path: ['person', 'student'], extensions: expect.objectContaining({ code: 'CONSENT_SCOPE_MISSING' }) }),
    ]));
    const routes = (await w.calls()).map((c) => c.route);
    expect(routes).toContain('/v3/dss/quotient_familial/identite');
    expect(routes.filter((r) => r.startsWith('/v3/france_travail') || r.startsWith('/v3/mesri'))).toEqual([]);
  });

  it('is journaled with kind franceconnect and the hashed jti, and the citizen sees it "via FranceConnect"', async () => {
    const before = (await entries()).length;
    const all = stagingCases().find((c) => c.token === 'all_fc')!;
    const { body } = await w.query('all_fc', 'identity { birthName }');
    expect(body.errors).toBeUndefined();
    const added = (await entries()).slice(before);
    expect(added).toEqual([expect.objectContaining({
      consentId: 'franceconnect', consentKind: 'franceconnect',
      franceConnectJti: createHash('sha256').update(all.introspection.jti).digest('hex'),
      releasedScopes: ['identite_pivot'],
    })]);
    // Entries of hub consents (none here) would have neither field; the earlier FranceConnect entry has both.
    for (const e of await entries()) expect(e.consentKind).toBe('franceconnect');

    // Sophie (the persona of the first test) logs in to her space: her release says "via FranceConnect".
    const browser = new HttpBrowser();
    const start = await browser.get(`${w.t.url}/me/access-log`);
    const authorize = new URL(start.location!);
    const form = hiddenFields((await browser.get(authorize.toString())).body);
    form.set('persona', 'sophie-lambert');
    const chosen = await browser.postForm(new URL('authorize', authorize).toString(), form);
    await browser.get(chosen.location!);
    const log = JSON.parse((await browser.get(`${w.t.url}/me/access-log?format=json`)).body);
    expect(log.entries).toEqual([expect.objectContaining({ consentKind: 'franceconnect', data: expect.arrayContaining([expect.objectContaining({ scope: 'cnaf_quotient_familial' })]) })]);
    expect((await browser.get(`${w.t.url}/me/access-log`)).body).toContain('via FranceConnect');
  });
});
