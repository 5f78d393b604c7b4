import { defineSource, fullBirthDateIdentityEntry } from '../recipe/index.js';
import { mapCivicService } from './map-civic-service.js';

/**
 * GIP-MDS (service civique), `Person.civicService`: the identity route, with the names and the
 * full birth date only (OpenAPI: no sex, no birth place).
 */
export const gipMdsRecipe = defineSource({
  name: 'gipMds',
  provider: 'GIP_MDS',
  schema: 'gip-mds.graphql',
  errorFormat: 'v3',
  routes: {
    identite: { path: '/v3/gip_mds/service_civique/identite', by: 'identity', map: mapCivicService },
  },
  entries: [
    fullBirthDateIdentityEntry({
      field: 'Person.civicService',
      route: 'identite',
      provider: 'GIP_MDS',
      params: ['nomNaissance', 'prenoms', 'anneeDateNaissance', 'moisDateNaissance', 'jourDateNaissance'],
    }),
  ],
  // 404 31003: nobody matched (the shared reading of an identity route); 422 00391 several people
  // match (shared); 502 31999 an unreadable provider answer (shared suffix).
  refusals: {},
});

export const GIP_MDS_ROUTE = gipMdsRecipe.routes.identite.path;
