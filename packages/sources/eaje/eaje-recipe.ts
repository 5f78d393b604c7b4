import type { PersonParent } from '@hub/core';
import { identityPivotQuery } from '../http/index.js';
import { defineSource } from '../recipe/index.js';
import { mapChildcareHousehold } from './map-childcare-household.js';

/**
 * CNAF participation familiale EAJE, through CNAV, `Person.childcare` (and `Person.households`):
 * the identity route with the whole pivot, as the quotient familial route. Served by CNAV: the
 * same provider, hence the same client, breaker and cap as CNAF/MSA and the benefits.
 */
export const eajeRecipe = defineSource({
  name: 'eaje',
  provider: 'CNAV',
  schema: 'eaje.graphql',
  errorFormat: 'v3',
  routes: {
    identite: { path: '/v3/dss/participation_familiale_eaje/identite', by: 'identity', map: mapChildcareHousehold },
  },
  entries: [{ field: 'Person.childcare', load: 'identite', plan: ({ subject }: PersonParent) => ({ identite: identityPivotQuery(subject) }) }],
  // 404 37003 "Dossier allocataire absent": nobody matched (shared reading of an identity route).
  refusals: {},
  households: { childcare: 'ChildcareHousehold' },
});

export const EAJE_ROUTE = eajeRecipe.routes.identite.path;
