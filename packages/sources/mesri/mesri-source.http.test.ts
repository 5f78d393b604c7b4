// HTTP tests: the MESRI source run by real GraphQL queries against a node:http server answering
// with the vendored staging cases.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { PersonParent, RequestScope, SubjectIdentity } from '@hub/core';
import { buildSourceSchema, runQuery } from '../fixtures/build-source-schema.js';
import { startStagingUpstreamServer, type StagingUpstreamServer } from '../fixtures/staging-upstream-server.js';
import { testSource } from '../fixtures/test-source.js';
import { recipeResolvers } from '../recipe/index.js';
import { MESRI_IDENTITY_ROUTE, MESRI_INE_ROUTE, mesriRecipe } from './mesri-recipe.js';

const mesriResolvers = recipeResolvers(mesriRecipe);

let upstream: StagingUpstreamServer;
const jacques: SubjectIdentity = {
  nomNaissance: 'MARTIN',
  prenoms: ['Jacques'],
  sexeEtatCivil: 'M',
  anneeDateNaissance: 2004,
  moisDateNaissance: 1,
  jourDateNaissance: 1,
  codeCogInseePaysNaissance: '99100',
  codeCogInseeCommuneNaissance: '75102',
};
const subjects: Record<string, PersonParent> = {
  byIdentity: { consentId: 'c1', subject: jacques },
  byIne: { consentId: 'c2', subject: { ...jacques, ine: '1234567890A' } },
  unknownIne: { consentId: 'c3', subject: { ...jacques, ine: '1234567404G' } },
};
const schema = buildSourceSchema(
  ['mesri.graphql'],
  [{ Query: { person: (_: unknown, args: { consent: string }) => subjects[args.consent] } }, mesriResolvers],
);

beforeAll(async () => {
  upstream = await startStagingUpstreamServer({
    [MESRI_INE_ROUTE]: 'api_particulier_v3_mesri_statut_etudiant_with_ine',
    [MESRI_IDENTITY_ROUTE]: 'api_particulier_v3_mesri_statut_etudiant_with_civility',
  });
});
afterAll(() => upstream.close());
beforeEach(() => upstream.reset());

function run(query: string) {
  const source = testSource(mesriRecipe, { config: { baseUrl: upstream.baseUrl, token: 't', timeoutMs: 1_000, maxConcurrent: 4 } });
  const scope: RequestScope = { requestId: 'r1', recipient: '13002526500013', onUpstreamCall: () => {} };
  return runQuery(schema, query, { loaders: { mesri: source.createLoaders(scope) } });
}

const FIELDS = `identity { birthName firstNames birthDate }
  admissions { startDate endDate isRegistered trainingRegime { code label } communeCode institution { uai name } }`;

describe('MESRI source over HTTP', () => {
  it('looks a student up by identity pivot, once for all fields', async () => {
    const result = await run(`{ person(consent: "byIdentity") { student { ${FIELDS} } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      person: {
        student: {
          identity: { birthName: 'Martin', firstNames: ['Jacques'], birthDate: '2004-01-01' },
          admissions: [
            {
              startDate: '2024-10-01',
              endDate: '2025-08-31',
              isRegistered: true,
              trainingRegime: { code: 'RF1', label: 'formation initiale' },
              communeCode: '92000',
              institution: { uai: '0330023W', name: 'Université Paris Nanterre' },
            },
          ],
        },
      },
    });
    expect(upstream.calls.map((c) => c.route)).toEqual([MESRI_IDENTITY_ROUTE]);
    expect(upstream.calls[0]?.query.getAll('prenoms[]')).toEqual(['Jacques']);
  });

  it('uses the INE route when the consent carries an INE; impossible dates become null', async () => {
    const result = await run(`{ person(consent: "byIne") { student { admissions { startDate endDate } } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ person: { student: { admissions: [{ startDate: '2020-09-01', endDate: null }] } } });
    expect(upstream.calls.map((c) => c.route)).toEqual([MESRI_INE_ROUTE]);
  });

  it('nulls the student with NOT_FOUND and the MESRI code for an unknown INE', async () => {
    const result = await run(`{ person(consent: "unknownIne") { student { identity { birthName } } } }`);
    expect(result.data).toEqual({ person: { student: { identity: null } } });
    expect(result.errors?.[0]?.originalError).toMatchObject({ code: 'NOT_FOUND', extensions: { provider: 'MESRI', upstreamCode: '25003' } });
  });
});
