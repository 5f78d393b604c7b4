// Issue 13: a FranceConnect-only source. In FranceConnect mode Person.vehicle(registrationNumber:)
// forwards the citizen's access token as the bearer of GET
// /v3/ants/extrait_immatriculation_vehicule/france_connect (the sandbox refuses any other bearer
// there), for every staging ANTS case; with a hub consent the field is null with NOT_FOUND
// franceconnect_required and nothing is called.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { ALL_SCOPE_NAMES } from '@hub/policy';
import { gql } from '../support/test-hub.js';
import { idpFranceConnectToken, startFranceConnectWorld, type FranceConnectWorld } from './franceconnect-fixture.js';

const ROUTE = '/v3/ants/extrait_immatriculation_vehicule/france_connect';
const FOLDER = 'api_particulier_v3_ants_extrait_immatriculation_vehicule_with_france_connect';
const SHARED = fileURLToPath(new URL(`../../../shared/upstream/siade_staging_data/payloads/${FOLDER}/`, import.meta.url));
const VENDORED = fileURLToPath(new URL(`../../packages/sandbox/fixtures/siade_staging_data/payloads/${FOLDER}/`, import.meta.url));

function cases(): { file: string; immatriculation: string; status: number; payload: any }[] {
  let dir = VENDORED;
  try {
    if (readdirSync(SHARED).length > 0) dir = SHARED;
  } catch {
    // no shared corpus beside this clone: the vendored copy
  }
  return readdirSync(dir).sort().map((file) => {
    const staged = parse(readFileSync(dir + file, 'utf8')) as { params: { immatriculation: string }; status: number; payload: string };
    return { file, immatriculation: staged.params.immatriculation, status: staged.status, payload: JSON.parse(staged.payload) };
  });
}

const SELECTION = `vehicle(registrationNumber: $plate) {
  holder { lastName }
  holderStatus
  registration { number firstRegistrationDate }
  technicalCharacteristics { make }
}`;

let w: FranceConnectWorld;
beforeAll(async () => {
  w = await startFranceConnectWorld(ALL_SCOPE_NAMES);
});
afterAll(async () => w?.t.close());

async function vehicle(fc: string, plate: string) {
  return gql(w.t.url, w.token, `query($fc: String!, $plate: String!) { person(franceConnectToken: $fc) { ${SELECTION} } }`, { fc, plate });
}

describe.each(cases())('staging case $file ($immatriculation)', ({ immatriculation, status, payload }) => {
  it('comes back through the corpus token "ants", the token forwarded as bearer, not as a parameter', async () => {
    await w.resetCalls();
    const { body } = await vehicle('ants', immatriculation);
    // (The check-token call, counted too, is the first query's only: verified answers are cached.)
    expect((await w.calls()).filter((c) => c.route !== '/franceconnect/checktoken')).toEqual([{ route: ROUTE, params: { immatriculation }, count: 1 }]);
    const v = body.data.person.vehicle;
    if (status === 200) {
      const data = payload.data;
      expect(v.registration.number).toBe(data.donnees_immatriculation_vehicule.numero_immatriculation);
      expect(v.technicalCharacteristics.make).toBe(data.caracteristiques_techniques_vehicule?.marque ?? null);
      // `ants_extrait_immatriculation_vehicule_identite_particulier` contains `_identite`: dropped
      // from FranceConnect tokens as API Particulier v3 does, so the holder is never released here.
      expect(v.holder).toBeNull();
      expect(body.errors).toEqual([expect.objectContaining({ path: ['person', 'vehicle', 'holder'], extensions: expect.objectContaining({ code: 'CONSENT_SCOPE_MISSING' }) })]);
    } else {
      expect(v).toBeNull();
      expect(body.errors).toEqual([expect.objectContaining({ path: ['person', 'vehicle'], extensions: expect.objectContaining({ code: 'NOT_FOUND', provider: 'ANTS' }) })]);
    }
  });
});

describe('vehicle', () => {
  it('comes back for a sandbox IdP token too (a persona\'s vehicle)', async () => {
    const token = await idpFranceConnectToken(w.t.url, { persona: 'sophie-lambert' }, 'openid identite_pivot ants_extrait_immatriculation_vehicule_donnees_immatriculation_vehicule');
    await w.resetCalls();
    const { body } = await vehicle(token, 'XX-000-XX');
    expect((await w.calls()).map((c) => c.route)).toEqual(['/franceconnect/checktoken', ROUTE]);
    // Sophie has no vehicle under that number: the ANTS's own 404, through the forwarded token.
    expect(body.errors).toEqual([expect.objectContaining({ path: ['person', 'vehicle'], extensions: expect.objectContaining({ code: 'NOT_FOUND', provider: 'ANTS' }) })]);
  });

  it('with a hub consent: null, NOT_FOUND franceconnect_required, no call', async () => {
    const consent = (await w.t.hub.admin.grantConsent({ operator: w.operator, scopes: 'ants_extrait_immatriculation_vehicule_donnees_immatriculation_vehicule', purpose: 'Tarification sociale', persona: 'sophie-lambert', ttl: '1h' })).token;
    await w.resetCalls();
    const { body } = await gql(w.t.url, w.token, `query($c: String!, $plate: String!) { person(consent: $c) { ${SELECTION} } }`, { c: consent, plate: 'FC-123-AB' });
    expect(body.data.person.vehicle).toBeNull();
    expect(body.errors).toEqual([expect.objectContaining({ path: ['person', 'vehicle'], extensions: expect.objectContaining({ code: 'NOT_FOUND', reason: 'franceconnect_required' }) })]);
    expect(await w.calls()).toEqual([]);
  });
});
