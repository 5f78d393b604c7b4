// Resolver + loader tests with a stubbed fetch (no network).
import { describe, expect, it } from '@jest/globals';
import { HubError, type PersonParent, type RequestScope } from '@hub/core';
import { readStagingCase } from '../fixtures/read-staging-case.js';
import { testSource } from '../fixtures/test-source.js';
import { recipeResolvers } from '../recipe/index.js';
import { cnafRecipe } from './cnaf-recipe.js';
import { validateFamilyArgs } from './validate-family-args.js';

const cnafResolvers = recipeResolvers(cnafRecipe) as any;

const roux = readStagingCase('api_particulier_v3_cnav_quotient_familial_with_civility/200-couple-2_enfants-qf_msa_150_mai23.yaml');

const parent: PersonParent = {
  consentId: 'c1',
  subject: {
    nomNaissance: 'ROUX',
    prenoms: ['JEANNE', 'STEPHANIE'],
    sexeEtatCivil: 'F',
    anneeDateNaissance: 1987,
    moisDateNaissance: 6,
    codeCogInseePaysNaissance: '99100',
    codeCogInseeCommuneNaissance: '08480',
    numeroFiscal: '1111111111111',
  },
};

function setup() {
  const urls: URL[] = [];
  const fetchImpl: typeof fetch = async (input) => {
    urls.push(new URL(String(input)));
    return new Response(JSON.stringify(roux.body), { status: 200 });
  };
  const source = testSource(cnafRecipe, { config: { baseUrl: 'http://cnav.test/', token: 't', timeoutMs: 1000, maxConcurrent: 2 }, fetchImpl });
  const scope: RequestScope = { requestId: 'r', recipient: '13002526500013', onUpstreamCall: () => {} };
  return { urls, ctx: { loaders: { cnaf: source.createLoaders(scope) } } };
}

describe('Person.family', () => {
  it('asks CNAV with the pivot, annee and mois, once per distinct argument set', async () => {
    const { urls, ctx } = setup();
    const [a, b, c] = await Promise.all([
      cnafResolvers.Person.family(parent, { year: 2023, month: 5 }, ctx),
      cnafResolvers.Person.family(parent, { year: 2023, month: 5 }, ctx),
      cnafResolvers.Person.family(parent, {}, ctx),
    ]);
    expect(a).toBe(b);
    expect(c.familyQuotient?.value).toBe(150);
    expect(urls).toHaveLength(2);
    const withMonth = urls.find((u) => u.searchParams.has('mois'))!;
    expect(withMonth.pathname).toBe('/v3/dss/quotient_familial/identite');
    expect(withMonth.searchParams.get('annee')).toBe('2023');
    expect(withMonth.searchParams.get('mois')).toBe('5');
    expect(withMonth.searchParams.getAll('prenoms[]')).toEqual(['JEANNE', 'STEPHANIE']);
    expect(withMonth.searchParams.get('codeCogInseeCommuneNaissance')).toBe('08480');
    expect(withMonth.searchParams.has('numeroFiscal')).toBe(false);
    expect(urls.find((u) => !u.searchParams.has('mois'))!.searchParams.has('annee')).toBe(false);
  });

  it.each([
    [{ month: 13 }, 'month'],
    [{ month: 0 }, 'month'],
    [{ year: 1999 }, 'year'],
    [{ year: 99999 }, 'year'],
  ])('refuses %j with BAD_USER_INPUT on %s, without calling CNAV', async (args, argument) => {
    const { urls, ctx } = setup();
    const error: unknown = await cnafResolvers.Person.family(parent, args, ctx).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(HubError);
    expect((error as HubError).code).toBe('BAD_USER_INPUT');
    expect((error as HubError).extensions.argument).toBe(argument);
    expect(urls).toHaveLength(0);
  });

  it('accepts next year and null arguments', () => {
    const now = new Date('2025-12-15T00:00:00Z');
    expect(validateFamilyArgs({ year: 2026, month: 1 }, now)).toEqual({ year: 2026, month: 1 });
    expect(validateFamilyArgs({ year: null, month: null }, now)).toEqual({});
    expect(() => validateFamilyArgs({ year: 2027 }, now)).toThrow(HubError);
  });
});
