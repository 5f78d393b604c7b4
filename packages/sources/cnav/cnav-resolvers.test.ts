// Resolver + loader tests with a stubbed fetch (no network).
import { describe, expect, it } from '@jest/globals';
import { HubError, type PersonParent, type RequestScope } from '@hub/core';
import { testSource } from '../fixtures/test-source.js';
import { recipeResolvers } from '../recipe/index.js';
import { cnavRecipe } from './cnav-recipe.js';

const cnavResolvers = recipeResolvers(cnavRecipe) as any;

const parent: PersonParent = {
  consentId: 'c1',
  subject: {
    nomNaissance: 'DUPONT',
    prenoms: ['JEAN'],
    sexeEtatCivil: 'M',
    anneeDateNaissance: 1980,
    codeCogInseePaysNaissance: '99100',
    codeCogInseeCommuneNaissance: '75056',
  },
};

function setup() {
  const paths: string[] = [];
  const fetchImpl: typeof fetch = async (input) => {
    const url = new URL(String(input));
    paths.push(url.pathname);
    if (url.pathname.includes('allocation_adulte_handicape')) {
      return new Response(JSON.stringify({ errors: [{ code: '37003', title: 'Dossier allocataire absent CNAV' }] }), { status: 404 });
    }
    return new Response(JSON.stringify({ data: { est_beneficiaire: true, avec_majoration: false, date_debut_droit: '1992-11-20' }, links: {}, meta: {} }), {
      status: 200,
    });
  };
  const source = testSource(cnavRecipe, { config: { baseUrl: 'http://cnav.test', token: 't', timeoutMs: 1000, maxConcurrent: 4 }, fetchImpl });
  const scope: RequestScope = { requestId: 'r', recipient: '13002526500013', onUpstreamCall: () => {} };
  return { paths, ctx: { loaders: { cnav: source.createLoaders(scope) } } };
}

describe('Person.socialBenefits', () => {
  it('calls nothing by itself, then only the routes of the benefits asked, once each', async () => {
    const { paths, ctx } = setup();
    const holder = cnavResolvers.Person.socialBenefits(parent);
    expect(paths).toHaveLength(0);
    const [rsa, rsaAgain, prime] = await Promise.all([
      cnavResolvers.SocialBenefits.activeSolidarityIncome(holder, {}, ctx),
      cnavResolvers.SocialBenefits.activeSolidarityIncome(holder, {}, ctx),
      cnavResolvers.SocialBenefits.activityBonus(holder, {}, ctx),
    ]);
    expect(rsa).toEqual({ isBeneficiary: true, rightsStartDate: '1992-11-20', withIncrease: false });
    expect(rsaAgain).toBe(rsa);
    expect(prime.isBeneficiary).toBe(true);
    expect(paths.sort()).toEqual(['/v3/dss/prime_activite/identite', '/v3/dss/revenu_solidarite_active/identite']);
  });

  it('fails one benefit with NOT_FOUND without touching the others', async () => {
    const { ctx } = setup();
    const holder = cnavResolvers.Person.socialBenefits(parent);
    const [aah, c2s] = await Promise.allSettled([
      cnavResolvers.SocialBenefits.disabledAdultAllowance(holder, {}, ctx),
      cnavResolvers.SocialBenefits.supplementaryHealthCoverage(holder, {}, ctx),
    ]);
    expect(aah.status).toBe('rejected');
    const error = (aah as PromiseRejectedResult).reason as HubError;
    expect(error.code).toBe('NOT_FOUND');
    expect(error.extensions).toMatchObject({ provider: 'CNAV', upstreamCode: '37003' });
    expect(c2s).toMatchObject({ status: 'fulfilled', value: { isBeneficiary: true } });
  });
});
