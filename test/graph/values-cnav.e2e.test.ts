import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { expect } from '../support/expect.js';
import { personas } from '@hub/sandbox';
import {
  ALL_SCOPES, errorAt, expectErrorPaths, persona, pivotParams, startValuesHub, withAt, type ValuesHub,
} from './values-fixture.js';

/*
 * CNAV benefits (GET /v3/dss/<prestation>/identite, six routes): every field of
 * Person.socialBenefits equals the sandbox's payload for the same identity pivot.
 */

/** Each SocialBenefits field, its route, its selection, and the value its mapping documents. */
const BENEFITS: Record<string, { route: string; selection: string; expected: (data: any) => unknown }> = {
  activeSolidarityIncome: {
    route: '/v3/dss/revenu_solidarite_active/identite',
    selection: 'isBeneficiary rightsStartDate withIncrease',
    expected: (d) => ({ isBeneficiary: d.est_beneficiaire, rightsStartDate: d.date_debut_droit, withIncrease: d.avec_majoration }),
  },
  activityBonus: {
    route: '/v3/dss/prime_activite/identite',
    selection: 'isBeneficiary rightsStartDate withIncrease',
    expected: (d) => ({ isBeneficiary: d.est_beneficiaire, rightsStartDate: d.date_debut_droit, withIncrease: d.avec_majoration }),
  },
  disabledAdultAllowance: {
    route: '/v3/dss/allocation_adulte_handicape/identite',
    selection: 'isBeneficiary rightsStartDate',
    expected: (d) => ({ isBeneficiary: d.est_beneficiaire, rightsStartDate: d.date_debut_droit }),
  },
  familySupportAllowance: {
    route: '/v3/dss/allocation_soutien_familial/identite',
    selection: 'isBeneficiary rightsStartDate',
    expected: (d) => ({ isBeneficiary: d.est_beneficiaire, rightsStartDate: d.date_debut_droit }),
  },
  supplementaryHealthCoverage: {
    route: '/v3/dss/complementaire_sante_solidaire/identite',
    selection: 'isBeneficiary withContribution rightsStartDate',
    expected: (d) => ({ isBeneficiary: d.est_beneficiaire, withContribution: d.avec_participation, rightsStartDate: d.date_debut_droit }),
  },
  disabledChildEducationAllowance: {
    route: '/v3/dss/allocation_enfant_handicape/identite',
    selection: 'status rightsStartDate',
    // The wire's lowercase status becomes the schema's enum.
    expected: (d) => ({
      status: ({ allocataire: 'RECIPIENT', ouvrant_droit: 'ENTITLING_CHILD', non_beneficiaire: 'NOT_BENEFICIARY' } as Record<string, string>)[d.status],
      rightsStartDate: d.date_debut_droit,
    }),
  },
};

const SELECTION = `socialBenefits { ${Object.entries(BENEFITS).map(([field, b]) => `${field} { ${b.selection} }`).join(' ')} }`;

let h: ValuesHub;
beforeAll(async () => {
  h = await startValuesHub();
});
afterAll(async () => h?.close());

/** The six payloads of a persona, straight from the sandbox. */
async function upstreamOf(id: string) {
  const params = pivotParams(persona(id));
  const entries = await Promise.all(Object.entries(BENEFITS).map(async ([field, b]) => [field, await h.upstream(b.route, params)] as const));
  return Object.fromEntries(entries);
}

describe('CNAV benefit values equal the upstream payloads', () => {
  it.each(personas.map((p) => p.id))('%s: every socialBenefits field, or NOT_FOUND per benefit', async (id) => {
    const upstream = await upstreamOf(id);
    const body = await h.person(await h.consent(id), SELECTION);
    const expectedErrors: string[][] = [];
    for (const [field, b] of Object.entries(BENEFITS)) {
      const u = upstream[field]!;
      const got = body.data.person.socialBenefits[field];
      if (u.status === 200) {
        expect(got, field).toEqual(b.expected(u.body.data));
      } else {
        expect(u.status).toBe(404);
        expect(got, field).toBeNull();
        const path = ['person', 'socialBenefits', field];
        expect(errorAt(body, path).extensions).toMatchObject({ code: 'NOT_FOUND', provider: 'CNAV', upstreamCode: u.body.errors[0].code });
        expectedErrors.push(path);
      }
    }
    expectErrorPaths(body, expectedErrors);
  });

  it('covers beneficiaries of every benefit, a known non-beneficiary and an unknown citizen', async () => {
    const beneficiaries = async (id: string) => {
      const upstream = await upstreamOf(id);
      return Object.entries(upstream).filter(([, u]) => u.status === 200 && (u.body.data.est_beneficiaire === true || ['allocataire', 'ouvrant_droit'].includes(u.body.data.status))).map(([field]) => field).sort();
    };
    expect(await beneficiaries('amina-bensalem')).toEqual(['activeSolidarityIncome', 'familySupportAllowance', 'supplementaryHealthCoverage']);
    expect(await beneficiaries('moussa-diallo')).toEqual(['activityBonus']);
    expect(await beneficiaries('bernard-vidal')).toEqual(['disabledAdultAllowance']);
    expect(await beneficiaries('olivier-brunet')).toEqual(['disabledChildEducationAllowance']);
    expect(await beneficiaries('julien-lambert')).toEqual([]);
    expect(Object.values(await upstreamOf('gaspard-nullepart')).map((u) => u.status)).toEqual([404, 404, 404, 404, 404, 404]);
  });

  it('RSA majoré: dates, booleans and the majoration pass through', async () => {
    const upstream = await upstreamOf('amina-bensalem');
    const body = await h.person(await h.consent('amina-bensalem'), SELECTION);
    expect(upstream.activeSolidarityIncome!.body.data).toMatchObject({ est_beneficiaire: true, avec_majoration: true });
    expect(body.data.person.socialBenefits.activeSolidarityIncome).toEqual({
      isBeneficiary: true, withIncrease: true, rightsStartDate: upstream.activeSolidarityIncome!.body.data.date_debut_droit,
    });
  });
});

describe('CNAV denials null one field only', () => {
  async function expectedOf(id: string) {
    const upstream = await upstreamOf(id);
    return Object.fromEntries(Object.entries(BENEFITS).map(([field, b]) => [field, b.expected(upstream[field]!.body.data)]));
  }

  it('a consent without revenu_solidarite_active_majoration: withIncrease alone null with CONSENT_SCOPE_MISSING', async () => {
    const expected = await expectedOf('amina-bensalem');
    const body = await h.person(await h.consent('amina-bensalem', ALL_SCOPES.filter((s) => s !== 'revenu_solidarite_active_majoration')), SELECTION);
    const path = ['person', 'socialBenefits', 'activeSolidarityIncome', 'withIncrease'];
    expectErrorPaths(body, [path]);
    expect(errorAt(body, path).extensions).toMatchObject({ code: 'CONSENT_SCOPE_MISSING', scope: 'revenu_solidarite_active_majoration' });
    expect(body.data.person.socialBenefits).toEqual(withAt(expected, ['activeSolidarityIncome', 'withIncrease'], null));
  });

  it('a consent without complementaire_sante_solidaire: that benefit alone null, the five others intact', async () => {
    const expected = await expectedOf('amina-bensalem');
    const body = await h.person(await h.consent('amina-bensalem', ALL_SCOPES.filter((s) => s !== 'complementaire_sante_solidaire')), SELECTION);
    const path = ['person', 'socialBenefits', 'supplementaryHealthCoverage'];
    expectErrorPaths(body, [path]);
    expect(errorAt(body, path).extensions).toMatchObject({ code: 'CONSENT_SCOPE_MISSING', scope: 'complementaire_sante_solidaire' });
    expect(body.data.person.socialBenefits).toEqual(withAt(expected, ['supplementaryHealthCoverage'], null));
  });

  it('a habilitation without allocation_adulte_handicape: that benefit alone null with FORBIDDEN_SCOPE', async () => {
    const expected = await expectedOf('bernard-vidal');
    const other = await h.operatorWithout('allocation_adulte_handicape', 'bernard-vidal');
    const body = await h.person(other.consent, SELECTION, other.token);
    const path = ['person', 'socialBenefits', 'disabledAdultAllowance'];
    expectErrorPaths(body, [path]);
    expect(errorAt(body, path).extensions).toMatchObject({ code: 'FORBIDDEN_SCOPE', scope: 'allocation_adulte_handicape' });
    expect(body.data.person.socialBenefits).toEqual(withAt(expected, ['disabledAdultAllowance'], null));
  });
});
