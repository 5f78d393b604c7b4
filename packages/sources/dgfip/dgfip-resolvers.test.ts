// Resolver + loader tests with a stubbed fetch (no network): identifiers, de-duplication, errors.
import { describe, expect, it } from '@jest/globals';
import { HubError, type PersonParent, type RequestScope, type SubjectIdentity, type UpstreamCallRecord } from '@hub/core';
import { readStagingCase } from '../fixtures/read-staging-case.js';
import { testSource } from '../fixtures/test-source.js';
import { cnafRecipe } from '../cnaf/index.js';
import { householdResolvers, recipeResolvers } from '../recipe/index.js';
import { dgfipRecipe } from './dgfip-recipe.js';

const dgfipResolvers = recipeResolvers(dgfipRecipe) as any;

const ok = readStagingCase('api_particulier_v2_dgfip_situation_ir/200.yaml');
const notFound = readStagingCase('api_particulier_v2_dgfip_situation_ir/404.yaml');

const pivot: SubjectIdentity = {
  nomNaissance: 'DUPONT',
  prenoms: ['JEAN'],
  sexeEtatCivil: 'M',
  anneeDateNaissance: 1980,
  codeCogInseePaysNaissance: '99100',
};

function setup() {
  const urls: string[] = [];
  const fetchImpl: typeof fetch = async (input) => {
    const url = new URL(String(input));
    urls.push(url.pathname + url.search);
    const known = url.searchParams.get('numeroFiscal') === '1111111111111';
    const c = known ? ok : notFound;
    return new Response(JSON.stringify(c.body), { status: c.status, headers: { 'content-type': 'application/json' } });
  };
  const source = testSource(dgfipRecipe, { config: { baseUrl: 'http://dgfip.test', token: 't', timeoutMs: 1000, maxConcurrent: 2 }, fetchImpl });
  const calls: UpstreamCallRecord[] = [];
  const scope: RequestScope = { requestId: 'r', recipient: '13002526500013', onUpstreamCall: (c) => calls.push(c) };
  const ctx = { loaders: { dgfip: source.createLoaders(scope) } };
  const parent = (ids: Partial<SubjectIdentity>): PersonParent => ({ subject: { ...pivot, ...ids }, consentId: 'c1' });
  return { urls, calls, ctx, parent };
}

describe('Person.taxHousehold', () => {
  it('calls DGFIP once per notice, however often it is asked in one request', async () => {
    const { urls, calls, ctx, parent } = setup();
    const p = parent({ numeroFiscal: '1111111111111', referenceAvis: '1111111111111' });
    const [a, b] = await Promise.all([
      dgfipResolvers.Person.taxHousehold(p, {}, ctx),
      dgfipResolvers.Person.taxHousehold(p, {}, ctx),
    ]);
    expect(a).toBe(b);
    expect(a.taxNotice.referenceTaxIncome).toBe(9001);
    expect(urls).toHaveLength(1);
    expect(urls[0]).toMatch(/^\/api\/v2\/avis-imposition\?/);
    expect(urls[0]).toContain('recipient=13002526500013');
    expect(calls).toMatchObject([{ provider: 'DGFIP', route: '/api/v2/avis-imposition', status: 200, outcome: 'ok' }]);
  });

  it('gives NOT_FOUND with dgfip_404 for an unknown notice, without failing another subject', async () => {
    const { ctx, parent } = setup();
    const [good, bad] = await Promise.allSettled([
      dgfipResolvers.Person.taxHousehold(parent({ numeroFiscal: '1111111111111', referenceAvis: '1111111111111' }), {}, ctx),
      dgfipResolvers.Person.taxHousehold(parent({ numeroFiscal: '1111111111404', referenceAvis: '1111111111404' }), {}, ctx),
    ]);
    expect(good.status).toBe('fulfilled');
    expect(bad.status).toBe('rejected');
    const error = (bad as PromiseRejectedResult).reason as HubError;
    expect(error).toBeInstanceOf(HubError);
    expect(error.code).toBe('NOT_FOUND');
    expect(error.extensions).toMatchObject({ provider: 'DGFIP', upstreamCode: 'dgfip_404' });
  });

  it.each([
    [{ referenceAvis: '1111111111111' }, 'numeroFiscal', 'missing_identifier'],
    [{ numeroFiscal: '1111111111111' }, 'referenceAvis', 'missing_identifier'],
    [{}, 'numeroFiscal and no referenceAvis', 'missing_identifier'],
  ])('fails with NOT_FOUND naming the missing identifier, without calling DGFIP (%j)', async (ids, named, reason) => {
    const { urls, ctx, parent } = setup();
    const error = await dgfipResolvers.Person.taxHousehold(parent(ids), {}, ctx).then(
      () => null,
      (e: unknown) => e as HubError,
    );
    expect(error).toBeInstanceOf(HubError);
    expect(error!.code).toBe('NOT_FOUND');
    expect(error!.message).toContain(named);
    expect(error!.extensions).toMatchObject({ provider: 'DGFIP', reason, retryable: false });
    expect(urls).toHaveLength(0);
  });
});

describe('Household.__resolveType', () => {
  const households = householdResolvers([dgfipRecipe, cnafRecipe]) as any;
  it('tells the two household kinds apart', () => {
    expect(households.Household.__resolveType({ kind: 'tax' })).toBe('TaxHousehold');
    expect(households.Household.__resolveType({ kind: 'family' })).toBe('FamilyHousehold');
    expect(households.Household.__resolveType({})).toBeNull();
  });
});
