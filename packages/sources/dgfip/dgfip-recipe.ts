import type { PersonParent } from '@hub/core';
import { defineSource } from '../recipe/index.js';
import { taxNoticeKey } from './load-tax-household.js';
import { mapTaxHousehold } from './map-tax-household.js';

/**
 * DGFIP, `Person.taxHousehold`: the retired API Particulier v2 route, still the DGFIP wire format
 * of the sandbox (docs/contract.md#upstreams): flat body, flat `{error, reason, message}` errors
 * whose `upstreamCode` is `dgfip_<status>`.
 */
export const dgfipRecipe = defineSource({
  name: 'dgfip',
  provider: 'DGFIP',
  schema: 'dgfip.graphql',
  errorFormat: 'v2-flat',
  routes: {
    taxHousehold: { path: '/api/v2/avis-imposition', by: 'identifier', map: mapTaxHousehold },
  },
  entries: [
    { field: 'Person.taxHousehold', load: 'taxHousehold', plan: (parent: PersonParent) => ({ taxHousehold: taxNoticeKey(parent.subject) }) },
  ],
  households: { tax: 'TaxHousehold' },
  // 404 "Les paramètres fournis sont incorrects ou ne correspondent pas à un avis": no such notice;
  // 400 a malformed numéro fiscal or référence d'avis; 509 DGFIP refusing after repeated failures.
  refusals: {
    codes: { dgfip_404: 'no_record', dgfip_400: { reason: 'invalid_identifier', code: 'PROVIDER_ERROR' }, dgfip_509: 'provider_rate_limited' },
  },
});

/** The retired v2 route. */
export const AVIS_IMPOSITION_ROUTE = dgfipRecipe.routes.taxHousehold.path;
