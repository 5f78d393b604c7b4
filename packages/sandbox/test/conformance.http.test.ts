import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
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
};
for (const prestation of [
  'quotient_familial', 'revenu_solidarite_active', 'prime_activite', 'allocation_adulte_handicape',
  'allocation_soutien_familial', 'complementaire_sante_solidaire', 'allocation_enfant_handicape',
]) {
  ROUTE_OF_FOLDER[`api_particulier_v3_cnav_${prestation}_with_civility`] = `/v3/dss/${prestation}/identite`;
}

type StagingCase = { name: string; route: string; params: Params; status: number; payload: unknown };

const cases: StagingCase[] = readdirSync(PAYLOADS).flatMap((folder) => {
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
    expect(new Set(cases.map((c) => c.route)).size).toBe(15);
    expect(cases.length).toBeGreaterThan(150);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, staged) => {
    const reply = await harness.get(staged.route, staged.params);
    expect(reply.status).toBe(staged.status);
    expect(reply.contentType).toMatch(/^application\/json/);
    expect(reply.json).toEqual(staged.payload);
    expect(validators.get(staged.route)?.validateResponse(reply.status, reply.json)).toBeUndefined();
  });
});
