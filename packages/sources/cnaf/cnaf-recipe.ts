import type { PersonParent } from '@hub/core';
import { identityPivotQuery } from '../http/index.js';
import { CNAV_REFUSALS } from '../cnav/cnav-refusals.js';
import { defineSource } from '../recipe/index.js';
import { mapFamilyHousehold } from './map-family-household.js';
import { validateFamilyArgs, type FamilyArgs } from './validate-family-args.js';

/**
 * CNAF / MSA quotient familial, served by CNAV (provider CNAV: one client, one breaker with the
 * benefits), `Person.family(year, month)`: the identity pivot plus the optional `annee` and
 * `mois`; the field loads its route and resolves to the household (default resolvers below it).
 */
export const cnafRecipe = defineSource({
  name: 'cnaf',
  provider: 'CNAV',
  schema: 'cnaf.graphql',
  errorFormat: 'v3',
  routes: {
    family: { path: '/v3/dss/quotient_familial/identite', by: 'identity', map: mapFamilyHousehold },
  },
  entries: [
    {
      field: 'Person.family',
      load: 'family',
      withArguments: true,
      plan: (parent: PersonParent, args: FamilyArgs) => {
        const { year, month } = validateFamilyArgs(args);
        return {
          family: { ...identityPivotQuery(parent.subject), ...(year !== undefined ? { annee: year } : {}), ...(month !== undefined ? { mois: month } : {}) },
        };
      },
    },
  ],
  households: { family: 'FamilyHousehold' },
  refusals: CNAV_REFUSALS,
});

export const QUOTIENT_FAMILIAL_ROUTE = cnafRecipe.routes.family.path;
