// The SDL of this helper's three sources (dgfip, cnaf, cnav) against base.graphql, executed with
// the real resolvers and loaders over a stubbed fetch: SDL valid, default resolvers match the
// mapped objects, Household resolves both kinds, and every field declared here has a @policy.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  buildASTSchema,
  concatAST,
  graphql,
  isInterfaceType,
  isObjectType,
  parse,
  type GraphQLFieldResolver,
  type GraphQLSchema,
  type GraphQLTypeResolver,
  type ObjectTypeDefinitionNode,
  type ObjectTypeExtensionNode,
} from 'graphql';
import { describe, expect, it } from '@jest/globals';
import type { PersonParent, RequestScope } from '@hub/core';
import { readStagingCase } from '../fixtures/read-staging-case.js';
import { cnafRecipe } from '../cnaf/index.js';
import { cnavRecipe } from '../cnav/index.js';
import { testSource } from '../fixtures/test-source.js';
import { householdResolvers, recipeResolvers } from '../recipe/index.js';
import { dgfipRecipe, loadTaxHousehold } from './index.js';

const cnafResolvers = recipeResolvers(cnafRecipe) as any;

const schemaDir = fileURLToPath(new URL('../../../schema/', import.meta.url));
const sdl = (name: string) => readFileSync(schemaDir + name, 'utf8');
const OWN = ['dgfip.graphql', 'cnaf.graphql', 'cnav.graphql'];

const dgfipCase = readStagingCase('api_particulier_v2_dgfip_situation_ir/200.yaml');
const qfCase = readStagingCase('api_particulier_v3_cnav_quotient_familial_with_civility/200-couple-2_enfants-qf_msa_150_mai23.yaml');
const rsaCase = readStagingCase('api_particulier_v3_cnav_revenu_solidarite_active_with_civility/200_beneficiaire_majoration.yaml');
const aeehCase = readStagingCase('api_particulier_v3_cnav_allocation_enfant_handicape_with_civility/200_ouvrant_droit.yaml');

const person: PersonParent = {
  consentId: 'c1',
  subject: {
    nomNaissance: 'ROUX',
    prenoms: ['JEANNE'],
    sexeEtatCivil: 'F',
    anneeDateNaissance: 1987,
    codeCogInseePaysNaissance: '99100',
    numeroFiscal: '1111111111111',
    referenceAvis: '1111111111111',
  },
};

function build() {
  const fetchImpl: typeof fetch = async (input) => {
    const path = new URL(String(input)).pathname;
    const c = path.includes('avis-imposition')
      ? dgfipCase
      : path.includes('quotient_familial')
        ? qfCase
        : path.includes('enfant_handicape')
          ? aeehCase
          : rsaCase;
    return new Response(JSON.stringify(c.body), { status: c.status });
  };
  const config = { baseUrl: 'http://upstream.test', token: 't', timeoutMs: 1000, maxConcurrent: 4 };
  const scope: RequestScope = { requestId: 'r', recipient: '13002526500013', onUpstreamCall: () => {} };
  const loaders = {
    dgfip: testSource(dgfipRecipe, { config, fetchImpl }).createLoaders(scope),
    cnaf: testSource(cnafRecipe, { config, fetchImpl }).createLoaders(scope),
    cnav: testSource(cnavRecipe, { config, fetchImpl }).createLoaders(scope),
  };
  const schema = withResolvers(
    buildASTSchema(concatAST([sdl('directives.graphql'), sdl('base.graphql'), ...OWN.map(sdl)].map((s) => parse(s)))),
    [
      recipeResolvers(dgfipRecipe),
      cnafResolvers,
      recipeResolvers(cnavRecipe),
      householdResolvers([dgfipRecipe, cnafRecipe]),
      {
        Query: { person: () => person },
        // Stand-in for the lead's resolver: both households of the subject.
        Person: {
          households: async (p: PersonParent) => [
            await loadTaxHousehold(p.subject, loaders.dgfip),
            await cnafResolvers.Person.family(p, {}, { loaders }),
          ],
        },
      },
    ],
  );
  return { schema, contextValue: { loaders } };
}

type ResolverMap = Record<string, Record<string, unknown>>;

/** Attaches resolver maps to a built schema (graphql-js only, as the gateway will with graphql-tools). */
function withResolvers(schema: GraphQLSchema, maps: ResolverMap[]): GraphQLSchema {
  for (const map of maps) {
    for (const [typeName, fields] of Object.entries(map)) {
      const type = schema.getType(typeName);
      if (isInterfaceType(type)) {
        type.resolveType = fields.__resolveType as GraphQLTypeResolver<unknown, unknown>;
      } else if (isObjectType(type)) {
        for (const [fieldName, resolve] of Object.entries(fields)) {
          const field = type.getFields()[fieldName];
          if (!field) throw new Error(`no field ${typeName}.${fieldName}`);
          field.resolve = resolve as GraphQLFieldResolver<unknown, unknown>;
        }
      } else {
        throw new Error(`no type ${typeName}`);
      }
    }
  }
  return schema;
}

describe('schema of dgfip, cnaf and cnav', () => {
  it('serves the mapped values through default resolvers', async () => {
    const { schema, contextValue } = build();
    const result = await graphql({
      schema,
      contextValue,
      source: `{ person(consent: "x") {
        taxHousehold {
          adults { birthName firstNames birthDate }
          address { lines postalCode city }
          fiscalAddressYear
          declarant1 { usageName birthDate }
          declarant2 { usageName }
          taxNotice { referenceTaxIncome taxShares dependents taxAmount netTaxBeforeCorrections taxYear incomeYear collectionDate assessmentDate familySituation correctiveNotice }
        }
        family(year: 2023, month: 5) {
          provider
          familyQuotient { value year month computedYear computedMonth provider }
          adults { firstNames sex birthDate }
          children { identity { firstNames birthDate } }
          address { recipient lines postalCode city country }
        }
        socialBenefits {
          activeSolidarityIncome { isBeneficiary withIncrease rightsStartDate }
          disabledChildEducationAllowance { status rightsStartDate }
        }
        households { __typename adults { birthName } }
      } }`,
    });
    expect(result.errors).toBeUndefined();
    const p = (result.data as { person: Record<string, unknown> }).person;
    expect(p.taxHousehold).toEqual({
      adults: [{ birthName: 'DUPONT', firstNames: ['JEAN', 'MARTIN'], birthDate: '1980-01-19' }],
      address: { lines: ['42 RUE DE LA PAIX'], postalCode: '75002', city: 'PARIS' },
      fiscalAddressYear: 2022,
      declarant1: { usageName: 'DUPONT', birthDate: '1980-01-19' },
      declarant2: null,
      taxNotice: {
        referenceTaxIncome: 9001,
        taxShares: 1,
        dependents: 1,
        taxAmount: 100,
        netTaxBeforeCorrections: null,
        taxYear: 2022,
        incomeYear: 2021,
        collectionDate: '2022-07-31',
        assessmentDate: '2022-07-08',
        familySituation: 'Célibataire',
        correctiveNotice: null,
      },
    });
    expect(p.family).toMatchObject({
      provider: 'MSA',
      familyQuotient: { value: 150, year: 2023, month: 5, computedYear: 2024, computedMonth: 12, provider: 'MSA' },
      adults: [
        { firstNames: ['JEANNE', 'STEPHANIE'], sex: 'F', birthDate: '1987-06-27' },
        { firstNames: ['LOIC', 'NATHAN'], sex: 'M', birthDate: '1979-05-19' },
      ],
      children: [{ identity: { firstNames: ['ALEXIS', 'VINCENT'], birthDate: '2006-04-20' } }, { identity: { firstNames: ['FLEUR', 'EDITH'], birthDate: '2004-04-20' } }],
      address: { recipient: 'Madame ROUX JEANNE', lines: ['1 RUE MONTORGUEIL'], postalCode: '75002', city: 'PARIS', country: 'FRANCE' },
    });
    expect(p.socialBenefits).toEqual({
      activeSolidarityIncome: { isBeneficiary: true, withIncrease: true, rightsStartDate: '1992-11-20' },
      disabledChildEducationAllowance: { status: 'ENTITLING_CHILD', rightsStartDate: '2022-11-29' },
    });
    expect(p.households).toEqual([
      { __typename: 'TaxHousehold', adults: [{ birthName: 'DUPONT' }] },
      { __typename: 'FamilyHousehold', adults: [{ birthName: 'ROUX' }, { birthName: 'ROUX' }] },
    ]);
  });

  it('turns a bad month into a BAD_USER_INPUT error on family only', async () => {
    const { schema, contextValue } = build();
    const result = await graphql({ schema, contextValue, source: '{ person(consent: "x") { family(month: 13) { provider } taxHousehold { fiscalAddressYear } } }' });
    expect(result.errors?.[0]?.path).toEqual(['person', 'family']);
    expect(result.errors?.[0]?.originalError).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { argument: 'month' } });
    expect(result.data).toEqual({ person: { family: null, taxHousehold: { fiscalAddressYear: 2022 } } });
  });

  it('declares a @policy on every field this helper adds', () => {
    const missing: string[] = [];
    for (const file of OWN) {
      for (const def of parse(sdl(file)).definitions) {
        if (def.kind !== 'ObjectTypeDefinition' && def.kind !== 'ObjectTypeExtension') continue;
        for (const field of (def as ObjectTypeDefinitionNode | ObjectTypeExtensionNode).fields ?? []) {
          if (!field.directives?.some((d) => d.name.value === 'policy')) missing.push(`${def.name.value}.${field.name.value}`);
        }
      }
    }
    expect(missing).toEqual([]);
    // And the types exist as expected in the assembled schema.
    const { schema } = build();
    expect(isInterfaceType(schema.getType('Household'))).toBe(true);
    expect(isObjectType(schema.getType('TaxHousehold'))).toBe(true);
    expect(schema.getPossibleTypes(schema.getType('Household') as never).map((t) => t.name).sort()).toEqual(['FamilyHousehold', 'TaxHousehold']);
  });
});
