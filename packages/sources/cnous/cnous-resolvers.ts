import type { PersonParent } from '@hub/core';
import { buildCnousLookup, type CnousLookup } from './build-cnous-lookup.js';
import { loadScholarshipStatus, type CnousLoaders } from './cnous-source.js';
import type { ScholarshipStatusRecord } from './map-scholarship-status.js';

/** What the CNOUS resolvers need from the GraphQL context. */
export type CnousContext = { loaders: { cnous: CnousLoaders } };

function field<F extends keyof ScholarshipStatusRecord>(name: F) {
  return async (parent: CnousLookup, _args: unknown, ctx: CnousContext) => (await loadScholarshipStatus(ctx.loaders.cnous, parent))[name];
}

/**
 * `Person.scholarship` returns only the lookup; each field loads the route itself, so a field the
 * policy denies causes no call, and the loader calls the route once for all resolved fields.
 * (`ScholarshipGrade`'s two leaves are plain properties, masked by their own scopes.)
 */
export const cnousResolvers = {
  Person: {
    scholarship: (parent: PersonParent): CnousLookup => buildCnousLookup(parent.subject),
  },
  ScholarshipStatus: {
    isScholarshipHolder: field('isScholarshipHolder'),
    grade: field('grade'),
    email: field('email'),
    paymentPeriod: field('paymentPeriod'),
    studyPlace: field('studyPlace'),
    identity: field('identity'),
    birthPlaceName: field('birthPlaceName'),
  },
};
