import type { PersonParent } from '@hub/core';
import { identityPivotQuery } from '../http/index.js';
import { defineSource } from '../recipe/index.js';
import { CNAV_REFUSALS } from './cnav-refusals.js';
import { mapSocialBenefit } from './map-social-benefit.js';

const route = (benefit: string) => `/v3/dss/${benefit}/identite`;

/**
 * CNAV benefits, `Person.socialBenefits`: six routes, all asked with the identity pivot, named
 * like SocialBenefits' fields; `Person.socialBenefits` itself calls nothing, so each route is
 * called only when its field is requested and allowed.
 */
export const cnavRecipe = defineSource({
  name: 'cnav',
  provider: 'CNAV',
  schema: 'cnav.graphql',
  errorFormat: 'v3',
  routes: {
    activeSolidarityIncome: { path: route('revenu_solidarite_active'), by: 'identity', map: mapSocialBenefit.withIncrease },
    activityBonus: { path: route('prime_activite'), by: 'identity', map: mapSocialBenefit.withIncrease },
    disabledAdultAllowance: { path: route('allocation_adulte_handicape'), by: 'identity', map: mapSocialBenefit.entitlement },
    familySupportAllowance: { path: route('allocation_soutien_familial'), by: 'identity', map: mapSocialBenefit.entitlement },
    supplementaryHealthCoverage: { path: route('complementaire_sante_solidaire'), by: 'identity', map: mapSocialBenefit.healthCoverage },
    disabledChildEducationAllowance: { path: route('allocation_enfant_handicape'), by: 'identity', map: mapSocialBenefit.childEducation },
  },
  entries: [
    {
      field: 'Person.socialBenefits',
      plan: (parent: PersonParent) => {
        const query = identityPivotQuery(parent.subject);
        return {
          activeSolidarityIncome: query, activityBonus: query, disabledAdultAllowance: query,
          familySupportAllowance: query, supplementaryHealthCoverage: query, disabledChildEducationAllowance: query,
        };
      },
    },
  ],
  objects: {
    SocialBenefits: {
      activeSolidarityIncome: { route: 'activeSolidarityIncome', whole: true },
      activityBonus: { route: 'activityBonus', whole: true },
      disabledAdultAllowance: { route: 'disabledAdultAllowance', whole: true },
      familySupportAllowance: { route: 'familySupportAllowance', whole: true },
      supplementaryHealthCoverage: { route: 'supplementaryHealthCoverage', whole: true },
      disabledChildEducationAllowance: { route: 'disabledChildEducationAllowance', whole: true },
    },
  },
  refusals: CNAV_REFUSALS,
});

/** The six benefit routes by SocialBenefits field. */
export const CNAV_BENEFIT_ROUTES = Object.fromEntries(
  Object.entries(cnavRecipe.routes).map(([field, r]) => [field, r.path]),
) as { readonly [K in keyof typeof cnavRecipe.routes]: string };
