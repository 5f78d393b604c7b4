import { HubError, type PersonParent } from '@hub/core';
import { identityPivotQuery } from '../http/index.js';
import type { CnafLoaders, FamilyKey } from './create-cnaf-source.js';
import type { FamilyHousehold } from './family-household.js';

export type CnafContext = { loaders: { cnaf: CnafLoaders } };
export type FamilyArgs = { year?: number | null; month?: number | null };

/** CNAF/MSA answer for about two years back; anything outside this window is a typing error. */
const MIN_YEAR = 2000;

/**
 * Resolvers of schema/cnaf.graphql. Scopes are enforced by @policy before these run; the fields
 * of FamilyHousehold and FamilyQuotient use default resolvers over the mapped object.
 */
export const cnafResolvers = {
  Person: {
    family: (parent: PersonParent, args: FamilyArgs, ctx: CnafContext): Promise<FamilyHousehold> => {
      const key: FamilyKey = identityPivotQuery(parent.subject);
      const { year, month } = validateFamilyArgs(args);
      if (year !== undefined) key.annee = year;
      if (month !== undefined) key.mois = month;
      return ctx.loaders.cnaf.family.load(key);
    },
  },
};

/** `year` and `month` of Person.family: BAD_USER_INPUT naming the argument when out of range. */
export function validateFamilyArgs(args: FamilyArgs, now: Date = new Date()): { year?: number; month?: number } {
  const result: { year?: number; month?: number } = {};
  if (args.year !== undefined && args.year !== null) {
    const maxYear = now.getUTCFullYear() + 1;
    if (!Number.isInteger(args.year) || args.year < MIN_YEAR || args.year > maxYear) {
      throw new HubError('BAD_USER_INPUT', `year must be a year between ${MIN_YEAR} and ${maxYear}.`, { argument: 'year' });
    }
    result.year = args.year;
  }
  if (args.month !== undefined && args.month !== null) {
    if (!Number.isInteger(args.month) || args.month < 1 || args.month > 12) {
      throw new HubError('BAD_USER_INPUT', 'month must be between 1 and 12.', { argument: 'month' });
    }
    result.month = args.month;
  }
  return result;
}
