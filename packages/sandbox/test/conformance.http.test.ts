import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { franceConnectFolderRoute } from '../src/staging/france-connect-identity-cases.js';
import { loadValidators, type ResponseValidator } from './openapi-validators.js';
import { startHarness, type Harness, type Params } from './sandbox-harness.js';

/*
 * Conformance: every vendored staging case, replayed over HTTP with its exact parameters, gets
 * the staging status and body; every answer (staging and persona alike) validates against the
 * OpenAPI response schema of its route.
 */

const PAYLOADS = fileURLToPath(new URL('../fixtures/siade_staging_data/payloads/', import.meta.url));

// Written independently from the sandbox's own table, so a mapping slip there shows here.
const ROUTE_OF_FOLDER: Record<string, string> = {
  api_particulier_v2_dgfip_situation_ir: '/api/v2/avis-imposition',
  api_particulier_v3_france_travail_statut_with_identifiant: '/v3/france_travail/statut/identifiant',
  api_particulier_v3_france_travail_indemnites_with_identifiant: '/v3/france_travail/indemnites/identifiant',
  api_particulier_v3_mesri_statut_etudiant_with_civility: '/v3/mesri/statut_etudiant/identite',
  api_particulier_v3_mesri_statut_etudiant_with_ine: '/v3/mesri/statut_etudiant/ine',
  api_particulier_v3_cnous_etudiant_boursier_with_civility: '/v3/cnous/etudiant_boursier/identite',
  api_particulier_v3_cnous_etudiant_boursier_with_ine: '/v3/cnous/etudiant_boursier/ine',
  api_particulier_v3_men_scolarites_with_civility: '/v3/men/scolarites/identite',
  api_particulier_v4_cnous_etudiant_boursier_with_civility: '/v4/cnous/etudiant_boursier/identite',
  api_particulier_v4_cnous_etudiant_boursier_with_ine: '/v4/cnous/etudiant_boursier/ine',
  api_particulier_v4_men_scolarites_with_civility: '/v4/men/scolarites/identite',
  api_particulier_v3_dsnj_service_national_with_civility: '/v3/dsnj/service_national/identite',
  api_particulier_v3_gip_mds_service_civique_with_civility: '/v3/gip_mds/service_civique/identite',
  api_particulier_v3_sdh_statut_sportif_with_identifiant: '/v3/sdh/statut_sportif/identifiant',
  api_particulier_v3_cnav_participation_familiale_eaje_with_civility: '/v3/dss/participation_familiale_eaje/identite',
  api_particulier_v3_ants_extrait_immatriculation_vehicule_with_france_connect: '/v3/ants/extrait_immatriculation_vehicule/france_connect',
};
/** FranceConnect-only routes take the citizen's access token: the staging corpus's `ants` check-token case. */
const ANTS = '/v3/ants/extrait_immatriculation_vehicule/france_connect';
const bearerOf = (route: string) => (route === ANTS ? { token: 'ants' } : {});
/** Not an upstream route: FranceConnect's check-token answers (the franceconnect tests replay them). */
const NOT_ROUTES = new Set(['france_connect']);
for (const prestation of [
  'quotient_familial', 'revenu_solidarite_active', 'prime_activite', 'allocation_adulte_handicape',
  'allocation_soutien_familial', 'complementaire_sante_solidaire', 'allocation_enfant_handicape',
]) {
  ROUTE_OF_FOLDER[`api_particulier_v3_cnav_${prestation}_with_civility`] = `/v3/dss/${prestation}/identite`;
}

type StagingCase = { name: string; route: string; params: Params; status: number; payload: unknown };

// The `*_with_france_connect` cases of the /identite routes are answered for the pivot a hub derives
// from a FranceConnect token (a subset match, not their exact parameters): see
// test/franceconnect/upstream-cases.http.test.ts. ANTS's, matched exactly, stay here.
for (const folder of readdirSync(PAYLOADS)) if (franceConnectFolderRoute(folder)) NOT_ROUTES.add(folder);
const cases: StagingCase[] = readdirSync(PAYLOADS).filter((folder) => !NOT_ROUTES.has(folder)).flatMap((folder) => {
  const route = ROUTE_OF_FOLDER[folder];
  if (!route) throw new Error(`vendored folder ${folder} has no route in this test`);
  return readdirSync(PAYLOADS + folder).map((file) => {
    const staged = parse(readFileSync(`${PAYLOADS}${folder}/${file}`, 'utf8')) as {
      params: Params;
      status: number;
      payload: string;
    };
    return { name: `${folder}/${file}`, route, params: staged.params ?? {}, status: staged.status, payload: JSON.parse(staged.payload) };
  });
});

let harness: Harness;
let validators: Map<string, ResponseValidator>;

beforeAll(async () => {
  harness = await startHarness();
  validators = await loadValidators([...new Set(Object.values(ROUTE_OF_FOLDER))]);
});
afterAll(() => harness.close());

describe('OpenAPI validation', () => {
  it('rejects a body that does not follow the schema (the check can fail)', () => {
    const qf = validators.get('/v3/dss/quotient_familial/identite');
    expect(qf?.validateResponse(200, { data: { allocataires: 'nope' }, links: {}, meta: {} })).toBeDefined();
    expect(validators.get('/api/v2/avis-imposition')?.validateResponse(404, { error: 'not_found' })).toBeDefined();
  });
});

describe('staging cases', () => {
  it('vendors the cases of every route the sandbox serves', () => {
    expect(new Set(cases.map((c) => c.route)).size).toBe(23);
    expect(cases.length).toBeGreaterThan(150);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, staged) => {
    const reply = await harness.get(staged.route, staged.params, bearerOf(staged.route));
    expect(reply.status).toBe(staged.status);
    expect(reply.contentType).toMatch(/^application\/json/);
    expect(reply.json).toEqual(staged.payload);
    expect(validators.get(staged.route)?.validateResponse(reply.status, reply.json)).toBeUndefined();
  });
});

/* The world's answers on the routes added with the DSNJ, GIP-MDS, Sport Data Hub, EAJE and ANTS sources. */
const lea = { nomNaissance: 'MERCIER', prenoms: ['LEA'], anneeDateNaissance: 2003, moisDateNaissance: 10, jourDateNaissance: 8 };
const julien = {
  nomNaissance: 'LAMBERT', prenoms: ['JULIEN'], sexeEtatCivil: 'M', anneeDateNaissance: 1982, moisDateNaissance: 7, jourDateNaissance: 5,
  codeCogInseePaysNaissance: '99100', codeCogInseeCommuneNaissance: '69123',
};

describe('persona answers of the new routes', () => {
  it.each([
    ['DSNJ, en règle', '/v3/dsnj/service_national/identite', { ...lea, sexeEtatCivil: 'F', codeCogInseePaysNaissance: '99100' }, 200],
    ['DSNJ, born before 1979', '/v3/dsnj/service_national/identite', { nomNaissance: 'BOYER', prenoms: ['MARCEL'], sexeEtatCivil: 'M', anneeDateNaissance: 1950, moisDateNaissance: 10, jourDateNaissance: 12, codeCogInseePaysNaissance: '99100' }, 200],
    ['DSNJ, a child', '/v3/dsnj/service_national/identite', { nomNaissance: 'LAMBERT', prenoms: ['HUGO'], sexeEtatCivil: 'M', anneeDateNaissance: 2016, moisDateNaissance: 2, jourDateNaissance: 3, codeCogInseePaysNaissance: '99100' }, 404],
    ['GIP-MDS, past contract', '/v3/gip_mds/service_civique/identite', lea, 200],
    ['GIP-MDS, unknown', '/v3/gip_mds/service_civique/identite', { ...lea, nomNaissance: 'NULLEPART' }, 404],
    ['Sport Data Hub, listed', '/v3/sdh/statut_sportif/identifiant', { identifiant: '381204' }, 200],
    ['Sport Data Hub, former athlete', '/v3/sdh/statut_sportif/identifiant', { identifiant: '670214' }, 200],
    ['Sport Data Hub, unknown', '/v3/sdh/statut_sportif/identifiant', { identifiant: '999999' }, 404],
    ['EAJE, CNAF family', '/v3/dss/participation_familiale_eaje/identite', julien, 200],
    ['EAJE, MSA family', '/v3/dss/participation_familiale_eaje/identite', { nomNaissance: 'GAUTHIER', prenoms: ['THIERRY'], sexeEtatCivil: 'M', anneeDateNaissance: 1975, codeCogInseePaysNaissance: '99100', codeCogInseeCommuneNaissance: '12202' }, 404],
    ['ANTS, titulaire', ANTS, { immatriculation: 'GE-412-LA' }, 200],
    ['ANTS, unknown', ANTS, { immatriculation: 'ZZ-000-ZZ' }, 404],
  ])('%s', async (_name, route, params, status) => {
    const reply = await harness.get(route, params, bearerOf(route));
    expect(reply.status).toBe(status);
    expect(validators.get(route)?.validateResponse(reply.status, reply.json)).toBeUndefined();
  });

  it('refuses the sandbox token on the FranceConnect route, and takes an access token of the corpus', async () => {
    const refused = await harness.get(ANTS, { immatriculation: 'GE-412-LA' });
    expect(refused.status).toBe(401);
    const reply = await harness.get(ANTS, { immatriculation: 'GE-412-LA' }, { token: 'all_fc' });
    // all_fc is Thomas Delatour: not the holder, so the identity does not match.
    expect(reply.json).toMatchObject({ data: { statut_rattachement: 'titulaire' }, meta: { identity_matching: { overall_match: false } } });
  });
});
