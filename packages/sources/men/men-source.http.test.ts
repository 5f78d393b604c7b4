// HTTP tests: the MEN source run by real GraphQL queries against a node:http server answering
// with the vendored staging cases. A test-only `Query.child` hands out Child objects shaped as the
// CNAF mapper builds them.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { PersonParent, RequestScope } from '@hub/core';
import { buildSourceSchema, runQuery } from '../fixtures/build-source-schema.js';
import { startStagingUpstreamServer, type StagingUpstreamServer } from '../fixtures/staging-upstream-server.js';
import { testSource } from '../fixtures/test-source.js';
import { recipeResolvers } from '../recipe/index.js';
import { MEN_SCHOOLING_ROUTE, menRecipe, type ChildParent } from './men-recipe.js';

const menResolvers = recipeResolvers(menRecipe);

let upstream: StagingUpstreamServer;
const children: Record<string, ChildParent> = {
  mateo: { identity: { birthName: 'Garcia', firstNames: ['Mateo'], sex: 'M', birthDate: '2012-03-07' } },
  undated: { identity: { birthName: 'Garcia', firstNames: ['Mateo'], sex: 'M', birthDate: null } },
};
const justine: PersonParent = {
  consentId: 'c1',
  subject: { nomNaissance: 'Martin', prenoms: ['Justine'], sexeEtatCivil: 'F', anneeDateNaissance: 2000, moisDateNaissance: 1, jourDateNaissance: 20, codeCogInseePaysNaissance: '99100' },
};
const schema = buildSourceSchema(
  ['men.graphql'],
  [
    {
      Query: {
        person: () => justine,
        child: (_: unknown, args: { name: string }) => children[args.name],
      },
    },
    menResolvers,
  ],
  ['extend type Query { child(name: String!): Child }'],
);

beforeAll(async () => {
  upstream = await startStagingUpstreamServer({ [MEN_SCHOOLING_ROUTE]: 'api_particulier_v3_men_scolarites_with_civility' });
});
afterAll(() => upstream.close());
beforeEach(() => upstream.reset());

function run(query: string) {
  const source = testSource(menRecipe, { config: { baseUrl: upstream.baseUrl, token: 't', timeoutMs: 1_000, maxConcurrent: 4 } });
  const scope: RequestScope = { requestId: 'r1', recipient: '13002526500013', onUpstreamCall: () => {} };
  return runQuery(schema, query, { loaders: { men: source.createLoaders(scope) } });
}

const FIELDS = `identity { birthName firstNames sex birthDate } isEnrolled pupilStatus { code label } schoolYear
  isScholarshipHolder scholarshipGrade school { uai name ministryCode } trainingModule { code label }`;

describe('MEN source over HTTP', () => {
  it("serves a child's schooling from one call with the child's identity and the school", async () => {
    const result = await run(`{ child(name: "mateo") {
      a: schooling(schoolYear: "2025", schoolCode: "0130032P") { ${FIELDS} }
      b: schooling(schoolYear: "2025-2026", schoolCode: "0130032p") { schoolYear } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      child: {
        a: {
          identity: { birthName: 'Garcia', firstNames: ['Mateo'], sex: 'M', birthDate: '2012-03-07' },
          isEnrolled: true,
          pupilStatus: { code: 'ST', label: 'Scolaire' },
          schoolYear: '2024-2025',
          isScholarshipHolder: true,
          scholarshipGrade: null,
          school: { uai: '0130032P', name: 'Collège Collines Durance', ministryCode: '06' },
          trainingModule: { code: '20010000210', label: '4EME' },
        },
        b: { schoolYear: '2024-2025' },
      },
    });
    // Both spellings of the school year and of the UAI are one query, hence one call.
    expect(upstream.calls).toHaveLength(1);
    const query = upstream.calls[0]!.query;
    expect(Object.fromEntries(query)).toMatchObject({
      nomNaissance: 'Garcia',
      'prenoms[]': 'Mateo',
      sexeEtatCivil: 'M',
      anneeDateNaissance: '2012',
      moisDateNaissance: '3',
      jourDateNaissance: '7',
      codeEtablissement: '0130032P',
      anneeScolaire: '2025',
      recipient: '13002526500013',
    });
  });

  it("serves the citizen's own schooling from the identity pivot", async () => {
    const result = await run(`{ person(consent: "x") { schooling(schoolYear: "2022", schoolCode: "0890003V") { school { uai } isScholarshipHolder } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ person: { schooling: { school: { uai: '0210015C' }, isScholarshipHolder: true } } });
  });

  it('sends a perimeter search as degreEtablissement and codesBcnDepartements[]', async () => {
    await run(`{ child(name: "mateo") { schooling(schoolYear: "2025", level: PRIMARY, departmentCodes: ["075", "013"]) { isEnrolled } } }`);
    const query = upstream.calls[0]!.query;
    expect(query.get('degreEtablissement')).toBe('1D');
    expect(query.getAll('codesBcnDepartements[]')).toEqual(['013', '075']);
    expect(query.has('codeEtablissement')).toBe(false);
  });

  it('rejects bad arguments with BAD_USER_INPUT and makes no call', async () => {
    const result = await run(`{ child(name: "mateo") { schooling(schoolYear: "2025", schoolCode: "0130032P", regionCodes: ["11"]) { isEnrolled } } }`);
    expect(result.data).toEqual({ child: { schooling: null } });
    expect(result.errors?.[0]?.originalError).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { argument: 'schoolCode' } });
    expect(upstream.calls).toHaveLength(0);
  });

  it('refuses a child without a birth date with NOT_FOUND and no call', async () => {
    const result = await run(`{ child(name: "undated") { schooling(schoolYear: "2025", schoolCode: "0130032P") { isEnrolled } } }`);
    expect(result.errors?.[0]?.originalError).toMatchObject({ code: 'NOT_FOUND', extensions: { provider: 'MEN', reason: 'missing_identifier' } });
    expect(upstream.calls).toHaveLength(0);
  });

  it('passes MEN’s 504 on as PROVIDER_TIMEOUT with the upstream code', async () => {
    upstream.override(MEN_SCHOOLING_ROUTE, { status: 504, body: { errors: [{ code: '30002', title: 'Intermédiaire hors-délai' }] } });
    const result = await run(`{ child(name: "mateo") { schooling(schoolYear: "2025", schoolCode: "0130032P") { isEnrolled } } }`);
    expect(result.errors?.[0]?.originalError).toMatchObject({ code: 'PROVIDER_TIMEOUT', extensions: { provider: 'MEN', upstreamCode: '30002' } });
  });
});
