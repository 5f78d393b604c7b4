import {
  AVIS_IMPOSITION_ROUTE, CNAV_BENEFIT_ROUTES, CNOUS_IDENTITY_ROUTE, FRANCE_TRAVAIL_PAYMENTS_ROUTE, FRANCE_TRAVAIL_STATUS_ROUTE,
  MEN_SCHOOLING_ROUTE, MESRI_IDENTITY_ROUTE, QUOTIENT_FAMILIAL_ROUTE,
} from '@hub/sources';

/** One upstream call a graph field can cause, for the pre-execution estimate (upstream-cost.ts). */
export type RouteCall = {
  /** The route called (for MESRI and CNOUS: the identity route stands for "identite or ine", one call either way). */
  route: string;
  /** The call's parameters include this field's arguments (so different arguments = different calls). */
  withArguments?: boolean;
  /** The field whose `@policy` decides the call, when not the field itself (`Person.households`). */
  policyOf?: string;
  /** Calls per distinct arguments: a Child field runs once per child, unknown before execution. */
  perParent?: number;
};

/**
 * Children per household assumed by the estimate (a `Child.schooling` selection costs this many
 * calls per distinct arguments): the number of children is only known after the household calls.
 */
export const ASSUMED_CHILDREN = 4;

/**
 * The graph fields that make upstream calls, by schema coordinate, and the route(s) each calls —
 * the resolvers of packages/sources and the gateway's Person resolvers, read as data. Fields that
 * only pass a query down (`Person.socialBenefits`, `Person.jobSeeker`...) call nothing; the field
 * that loads the route is listed instead, so a route is counted only where a resolver loads it.
 * A call's scope is the listed field's `@policy` (or `policyOf`'s): fields the operator's
 * habilitation cannot see are never resolved, hence cost nothing.
 */
export const UPSTREAM_ROUTES: Readonly<Record<string, readonly RouteCall[]>> = {
  'Person.taxHousehold': [{ route: AVIS_IMPOSITION_ROUTE }],
  'Person.family': [{ route: QUOTIENT_FAMILIAL_ROUTE, withArguments: true }],
  // Person.households loads the same keys as taxHousehold and family without arguments.
  'Person.households': [
    { route: AVIS_IMPOSITION_ROUTE, policyOf: 'Person.taxHousehold' },
    { route: QUOTIENT_FAMILIAL_ROUTE, policyOf: 'Person.family' },
  ],
  ...Object.fromEntries(Object.entries(CNAV_BENEFIT_ROUTES).map(([field, route]) => [`SocialBenefits.${field}`, [{ route }]])),
  ...Object.fromEntries(['identifier', 'identity', 'civility', 'contact', 'address', 'registration'].map((field) => [`JobSeekerStatus.${field}`, [{ route: FRANCE_TRAVAIL_STATUS_ROUTE }]])),
  'JobSeekerStatus.payments': [{ route: FRANCE_TRAVAIL_PAYMENTS_ROUTE }],
  'StudentStatus.identity': [{ route: MESRI_IDENTITY_ROUTE }],
  'StudentStatus.admissions': [{ route: MESRI_IDENTITY_ROUTE }],
  ...Object.fromEntries(['isScholarshipHolder', 'grade', 'email', 'paymentPeriod', 'studyPlace', 'identity', 'birthPlaceName'].map((field) => [`ScholarshipStatus.${field}`, [{ route: CNOUS_IDENTITY_ROUTE }]])),
  // Schooling's fields load the route with the arguments of the `schooling` field above them.
  'Person.schooling': [{ route: MEN_SCHOOLING_ROUTE, withArguments: true }],
  'Child.schooling': [{ route: MEN_SCHOOLING_ROUTE, withArguments: true, perParent: ASSUMED_CHILDREN }],
};
