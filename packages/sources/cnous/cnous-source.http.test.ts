// HTTP tests: the CNOUS source run by real GraphQL queries against a node:http server answering
// with the vendored staging cases.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { PersonParent, RequestScope, SubjectIdentity } from '@hub/core';
import { buildSourceSchema, runQuery } from '../fixtures/build-source-schema.js';
import { startStagingUpstreamServer, type StagingUpstreamServer } from '../fixtures/staging-upstream-server.js';
import { createRecipeClient, createRecipeSource, recipeResolvers } from '../recipe/index.js';
import { CNOUS_IDENTITY_ROUTE, CNOUS_INE_ROUTE, cnousRecipe } from './cnous-recipe.js';

let upstream: StagingUpstreamServer;
const marcel: SubjectIdentity = {
  nomNaissance: 'Pagnol',
  prenoms: ['Marcel'],
  sexeEtatCivil: 'M',
  anneeDateNaissance: 1998,
  moisDateNaissance: 7,
  jourDateNaissance: 12,
  codeCogInseePaysNaissance: '99100',
  codeCogInseeCommuneNaissance: '75000',
};
const subjects: Record<string, PersonParent> = {
  byIdentity: { consentId: 'c1', subject: marcel },
  byIne: { consentId: 'c2', subject: { ...marcel, ine: '1234567891A' } },
  noBirthDay: { consentId: 'c3', subject: { ...marcel, jourDateNaissance: undefined } },
};
const schema = buildSourceSchema(
  ['cnous.graphql'],
  [{ Query: { person: (_: unknown, args: { consent: string }) => subjects[args.consent] } }, recipeResolvers(cnousRecipe)],
);

beforeAll(async () => {
  upstream = await startStagingUpstreamServer({
    [CNOUS_INE_ROUTE]: 'api_particulier_v3_cnous_etudiant_boursier_with_ine',
    [CNOUS_IDENTITY_ROUTE]: 'api_particulier_v3_cnous_etudiant_boursier_with_civility',
  });
});
afterAll(() => upstream.close());
beforeEach(() => upstream.reset());

function run(query: string) {
  const source = createRecipeSource(cnousRecipe, createRecipeClient(cnousRecipe, { baseUrl: upstream.baseUrl, token: 't', timeoutMs: 1_000, maxConcurrent: 4 }));
  const scope: RequestScope = { requestId: 'r1', recipient: '13002526500013', onUpstreamCall: () => {} };
  return runQuery(schema, query, { loaders: { cnous: source.createLoaders(scope) } });
}

const FIELDS = `isScholarshipHolder grade { grade regionalProvisional } email paymentPeriod { startDate durationMonths }
  studyPlace { city institutionName } identity { birthName firstNames sex birthDate } birthPlaceName`;

describe('CNOUS source over HTTP', () => {
  it('looks a student up by identity pivot and serves every field from one call', async () => {
    const result = await run(`{ person(consent: "byIdentity") { scholarship { ${FIELDS} } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      person: {
        scholarship: {
          isScholarshipHolder: true,
          grade: { grade: '5', regionalProvisional: false },
          email: 'marcel@pagnol.fr',
          paymentPeriod: { startDate: '2020-09-01', durationMonths: 12 },
          studyPlace: { city: 'Evry', institutionName: 'ENSIIE' },
          identity: { birthName: 'PAGNOL', firstNames: ['MARCEL'], sex: 'M', birthDate: '1998-07-12' },
          birthPlaceName: 'Paris',
        },
      },
    });
    expect(upstream.calls.map((c) => c.route)).toEqual([CNOUS_IDENTITY_ROUTE]);
  });

  it('uses the INE route when the consent carries an INE', async () => {
    const result = await run(`{ person(consent: "byIne") { scholarship { grade { grade } studyPlace { city } } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ person: { scholarship: { grade: { grade: '6' }, studyPlace: { city: 'Toulouse' } } } });
    expect(upstream.calls.map((c) => c.route)).toEqual([CNOUS_INE_ROUTE]);
    expect(upstream.calls[0]?.query.get('ine')).toBe('1234567891A');
  });

  it('refuses without a call when the pivot lacks the birth day and there is no INE', async () => {
    const result = await run(`{ person(consent: "noBirthDay") { scholarship { email } } }`);
    expect(result.data).toEqual({ person: { scholarship: null } });
    expect(result.errors?.[0]?.originalError).toMatchObject({ code: 'NOT_FOUND', extensions: { provider: 'CNOUS', reason: 'missing_identifier' } });
    expect(upstream.calls).toHaveLength(0);
  });
});
