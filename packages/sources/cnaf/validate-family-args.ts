import { HubError } from '@hub/core';

/** Arguments of `Person.family` (schema/cnaf.graphql). */
export type FamilyArgs = { year?: number | null; month?: number | null };

/** CNAF/MSA answer for about two years back; anything outside this window is a typing error. */
const MIN_YEAR = 2000;

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
