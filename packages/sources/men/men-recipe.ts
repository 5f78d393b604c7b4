import type { PersonParent } from '@hub/core';
import type { IdentityObject } from '../http/index.js';
import { defineSource, planFields } from '../recipe/index.js';
import { pupilQueryFromIdentity, pupilQueryFromPivot } from './build-pupil-query.js';
import { mapSchooling } from './map-schooling.js';
import { validateSchoolingArgs, type SchoolingArgs } from './validate-schooling-args.js';

/** A `Child` as the household sources build it: MEN reads only its identity. */
export type ChildParent = { identity: Pick<IdentityObject, 'birthName' | 'firstNames' | 'sex' | 'birthDate'> | null };

/**
 * MEN (scolarité), `Child.schooling` and `Person.schooling`, on `/v4/men/scolarites/identite`, the
 * latest version the staging corpus shows (same parameters and body as v3): the pupil (a child's identity from
 * a household source, or the consent's pivot) and the search (school year, a school or a
 * perimeter). Arguments (BAD_USER_INPUT) and the pupil's identity (`missing_identifier`) are
 * checked before any call; each `Schooling` field loads the route.
 */
export const menRecipe = defineSource({
  name: 'men',
  provider: 'MEN',
  schema: 'men.graphql',
  errorFormat: 'v3',
  routes: {
    scolarites: { path: '/v4/men/scolarites/identite', by: 'identity', map: mapSchooling },
  },
  entries: [
    {
      field: 'Child.schooling',
      withArguments: true,
      plan: (parent: ChildParent, args: SchoolingArgs) => {
        const search = validateSchoolingArgs(args);
        return { scolarites: { ...pupilQueryFromIdentity(parent.identity), ...search } };
      },
    },
    {
      field: 'Person.schooling',
      withArguments: true,
      plan: (parent: PersonParent, args: SchoolingArgs) => {
        const search = validateSchoolingArgs(args);
        return { scolarites: { ...pupilQueryFromPivot(parent.subject), ...search } };
      },
    },
  ],
  objects: {
    Schooling: planFields(['identity', 'isEnrolled', 'pupilStatus', 'schoolYear', 'isScholarshipHolder', 'scholarshipGrade', 'school', 'trainingModule']),
  },
  // 404 30003 "Aucun élève n'a pu être trouvé": nobody matched in that school or perimeter and year.
  refusals: {},
});

export const MEN_SCHOOLING_ROUTE = menRecipe.routes.scolarites.path;
