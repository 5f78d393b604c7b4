import type { PersonParent } from '@hub/core';
import type { IdentityObject } from '../http/index.js';
import { pupilQueryFromIdentity, pupilQueryFromPivot } from './build-pupil-query.js';
import type { MenLoaders, MenQuery } from './men-source.js';
import type { SchoolingRecord } from './map-schooling.js';
import { validateSchoolingArgs, type SchoolingArgs } from './validate-schooling-args.js';

/** What the MEN resolvers need from the GraphQL context. */
export type MenContext = { loaders: { men: MenLoaders } };

/** A `Child` as the household sources build it: MEN reads only its identity. */
export type ChildParent = { identity: Pick<IdentityObject, 'birthName' | 'firstNames' | 'sex' | 'birthDate'> | null };

function field<F extends keyof SchoolingRecord>(name: F) {
  return async (parent: MenQuery, _args: unknown, ctx: MenContext) => (await ctx.loaders.men.schooling.load(parent))[name];
}

/**
 * `schooling` checks its arguments (BAD_USER_INPUT) and the pupil's identity (NOT_FOUND when
 * MEN cannot be searched) before any call, and returns only the query; each `Schooling` field
 * loads the route itself, so denied fields cause no call and the others share one.
 */
export const menResolvers = {
  Child: {
    schooling: (parent: ChildParent, args: SchoolingArgs): MenQuery => {
      const search = validateSchoolingArgs(args);
      return { ...pupilQueryFromIdentity(parent.identity), ...search };
    },
  },
  Person: {
    schooling: (parent: PersonParent, args: SchoolingArgs): MenQuery => {
      const search = validateSchoolingArgs(args);
      return { ...pupilQueryFromPivot(parent.subject), ...search };
    },
  },
  Schooling: {
    identity: field('identity'),
    isEnrolled: field('isEnrolled'),
    pupilStatus: field('pupilStatus'),
    schoolYear: field('schoolYear'),
    isScholarshipHolder: field('isScholarshipHolder'),
    scholarshipGrade: field('scholarshipGrade'),
    school: field('school'),
    trainingModule: field('trainingModule'),
  },
};
