import { AVIS_IMPOSITION_ROUTE, QUOTIENT_FAMILIAL_ROUTE, recipeCallSites, SOURCE_RECIPES } from '@hub/sources';

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
 * read from the source recipes (`recipeCallSites`), plus the gateway's own `Person.households`.
 * Fields that only pass a plan down (`Person.socialBenefits`, `Person.jobSeeker`...) call nothing;
 * the field that loads the route is listed instead, so a route is counted only where a resolver
 * loads it. A call's scope is the listed field's `@policy` (or `policyOf`'s): fields the
 * operator's habilitation cannot see are never resolved, hence cost nothing. A `Child` field runs
 * once per child: ASSUMED_CHILDREN calls per distinct arguments.
 */
export const UPSTREAM_ROUTES: Readonly<Record<string, readonly RouteCall[]>> = {
  ...Object.fromEntries(
    SOURCE_RECIPES.flatMap((recipe) => recipeCallSites(recipe)).map((site) => [
      site.coordinate,
      [{ route: site.route, ...(site.withArguments ? { withArguments: true } : {}), ...(site.coordinate.startsWith('Child.') ? { perParent: ASSUMED_CHILDREN } : {}) }],
    ]),
  ),
  // Person.households loads the same keys as taxHousehold and family without arguments.
  'Person.households': [
    { route: AVIS_IMPOSITION_ROUTE, policyOf: 'Person.taxHousehold' },
    { route: QUOTIENT_FAMILIAL_ROUTE, policyOf: 'Person.family' },
  ],
};
