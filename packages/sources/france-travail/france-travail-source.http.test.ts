// HTTP tests: the France Travail source (client, loaders, mappers, resolvers) run by real GraphQL
// queries against a node:http server answering with the vendored staging cases.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { PersonParent, RequestScope, SubjectIdentity } from '@hub/core';
import { buildSourceSchema, runQuery } from '../fixtures/build-source-schema.js';
import { startStagingUpstreamServer, type StagingUpstreamServer } from '../fixtures/staging-upstream-server.js';
import { testSource } from '../fixtures/test-source.js';
import { recipeResolvers } from '../recipe/index.js';
import { FRANCE_TRAVAIL_PAYMENTS_ROUTE, FRANCE_TRAVAIL_STATUS_ROUTE, franceTravailRecipe } from './france-travail-recipe.js';

const franceTravailResolvers = recipeResolvers(franceTravailRecipe);

let upstream: StagingUpstreamServer;
const schema = buildSourceSchema(
  ['france-travail.graphql'],
  [{ Query: { person: (_: unknown, args: { consent: string }) => subjects[args.consent] } }, franceTravailResolvers],
);

const pivot = { nomNaissance: 'DUPONT', prenoms: ['JEAN'], sexeEtatCivil: 'M', anneeDateNaissance: 1990, codeCogInseePaysNaissance: '99100' } as const;
const subjects: Record<string, PersonParent> = {
  known: { consentId: 'c1', subject: { ...pivot, prenoms: ['JEAN'], identifiantFranceTravail: 'default' } as SubjectIdentity },
  unknown: { consentId: 'c2', subject: { ...pivot, prenoms: ['JEAN'], identifiantFranceTravail: 'not_found' } as SubjectIdentity },
  none: { consentId: 'c3', subject: { ...pivot, prenoms: ['JEAN'] } as SubjectIdentity },
};

beforeAll(async () => {
  upstream = await startStagingUpstreamServer({
    [FRANCE_TRAVAIL_STATUS_ROUTE]: 'api_particulier_v3_france_travail_statut_with_identifiant',
    [FRANCE_TRAVAIL_PAYMENTS_ROUTE]: 'api_particulier_v3_france_travail_indemnites_with_identifiant',
  });
});
afterAll(() => upstream.close());
beforeEach(() => upstream.reset());

function run(query: string) {
  const source = testSource(franceTravailRecipe, {
    config: { baseUrl: upstream.baseUrl, token: 'ft-token', timeoutMs: 1_000, maxConcurrent: 4 },
    client: { retryBaseDelayMs: 1 },
  });
  const scope: RequestScope = { requestId: 'r1', recipient: '13002526500013', onUpstreamCall: () => {} };
  return runQuery(schema, query, { loaders: { franceTravail: source.createLoaders(scope) } });
}

const ALL_FIELDS = `
  identifier civility
  identity { birthName usageName firstNames sex birthDate birthPlaceCode birthCountryCode }
  contact { email phone secondaryPhone }
  address { recipient recipientComplement addressComplement street distributionComplement postalCode locality communeCode }
  registration { startDate endDate category { code label } cnavCertificationCode }
  payments { date totalAmount allowancesAmount aidsAmount otherAmount }`;

describe('France Travail source over HTTP', () => {
  it('serves every field from the two routes, each called once with identifiant and recipient', async () => {
    const result = await run(`{ person(consent: "known") { jobSeeker { ${ALL_FIELDS} } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      person: {
        jobSeeker: {
          identifier: 'default',
          civility: 'M.',
          identity: { birthName: 'DUPONT', usageName: null, firstNames: ['JEAN'], sex: 'M', birthDate: '1990-01-01', birthPlaceCode: null, birthCountryCode: null },
          contact: { email: 'jean.dupont@france.fr', phone: '0636656565', secondaryPhone: null },
          address: {
            recipient: 'DUPONT',
            recipientComplement: 'APPARTEMENT 42',
            addressComplement: null,
            street: '42 RUE DE LA PAIX',
            distributionComplement: null,
            postalCode: '75007',
            locality: '75001 PARIS',
            communeCode: '75107',
          },
          registration: {
            startDate: '2020-01-01',
            endDate: null,
            category: { code: 1, label: 'PERSONNE SANS EMPLOI DISPONIBLE DUREE INDETERMINEE PLEIN TPS' },
            cnavCertificationCode: 'VC',
          },
          payments: [
            { date: '2021-01-01', totalAmount: 123.4, allowancesAmount: 123.4, aidsAmount: 0, otherAmount: 0 },
            { date: '2021-02-01', totalAmount: 345.1, allowancesAmount: 345.1, aidsAmount: 0, otherAmount: 0 },
          ],
        },
      },
    });
    expect(upstream.calls.map((c) => c.route).sort()).toEqual([FRANCE_TRAVAIL_PAYMENTS_ROUTE, FRANCE_TRAVAIL_STATUS_ROUTE]);
    for (const call of upstream.calls) {
      expect(call.query.get('identifiant')).toBe('default');
      expect(call.query.get('recipient')).toBe('13002526500013');
      expect(call.authorization).toBe('Bearer ft-token');
    }
  });

  it('calls only the indemnités route when only payments are asked', async () => {
    const result = await run(`{ person(consent: "known") { jobSeeker { payments { totalAmount } } } }`);
    expect(result.errors).toBeUndefined();
    expect(upstream.calls.map((c) => c.route)).toEqual([FRANCE_TRAVAIL_PAYMENTS_ROUTE]);
  });

  it('calls the statut route once for aliased and repeated fields', async () => {
    const result = await run(`{ a: person(consent: "known") { jobSeeker { identifier contact { email } } }
                                b: person(consent: "known") { jobSeeker { registration { startDate } x: identity { sex } } } }`);
    expect(result.errors).toBeUndefined();
    expect(upstream.calls.map((c) => c.route)).toEqual([FRANCE_TRAVAIL_STATUS_ROUTE]);
  });

  it('nulls the fields with NOT_FOUND and the upstream code when France Travail has no record', async () => {
    const result = await run(`{ person(consent: "unknown") { jobSeeker { identifier } } }`);
    expect(result.data).toEqual({ person: { jobSeeker: { identifier: null } } });
    expect(result.errors?.[0]?.originalError).toMatchObject({
      code: 'NOT_FOUND',
      extensions: { provider: 'FRANCE_TRAVAIL', upstreamCode: '24003' },
    });
  });

  it('refuses without an upstream call when the consent carries no identifiant France Travail', async () => {
    const result = await run(`{ person(consent: "none") { jobSeeker { identifier payments { date } } } }`);
    expect(result.data).toEqual({ person: { jobSeeker: null } });
    expect(result.errors?.[0]?.originalError).toMatchObject({
      code: 'NOT_FOUND',
      extensions: { provider: 'FRANCE_TRAVAIL', reason: 'missing_identifier' },
    });
    expect(upstream.calls).toHaveLength(0);
  });

  it('fails only the statut fields when that route is down', async () => {
    upstream.override(FRANCE_TRAVAIL_STATUS_ROUTE, { status: 503, body: { errors: [{ code: '24001', title: 'Service non disponible' }] } });
    const result = await run(`{ person(consent: "known") { jobSeeker { identifier payments { date } } } }`);
    expect(result.data).toEqual({ person: { jobSeeker: { identifier: null, payments: [{ date: '2021-01-01' }, { date: '2021-02-01' }] } } });
    expect(result.errors?.map((e) => (e.originalError as { code?: string }).code)).toEqual(['PROVIDER_UNAVAILABLE']);
  });
});
