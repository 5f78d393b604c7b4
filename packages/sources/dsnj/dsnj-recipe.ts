import { defineSource, fullBirthDateIdentityEntry } from '../recipe/index.js';
import { mapNationalService } from './map-national-service.js';

/**
 * DSNJ (service national), `Person.nationalService`: the identity route, which needs the full
 * birth date, the sex and the birth country (OpenAPI), the commune for people born in France.
 */
export const dsnjRecipe = defineSource({
  name: 'dsnj',
  provider: 'DSNJ',
  schema: 'dsnj.graphql',
  errorFormat: 'v3',
  routes: {
    identite: { path: '/v3/dsnj/service_national/identite', by: 'identity', map: mapNationalService },
  },
  entries: [
    fullBirthDateIdentityEntry({
      field: 'Person.nationalService',
      route: 'identite',
      provider: 'DSNJ',
      params: ['nomNaissance', 'prenoms', 'sexeEtatCivil', 'anneeDateNaissance', 'moisDateNaissance', 'jourDateNaissance', 'codeCogInseePaysNaissance', 'codeCogInseeCommuneNaissance'],
    }),
  ],
  // 404 39003 (its wording speaks of a SIRET, copied from another API): nobody matched; 429 39004
  // its quota; 504 39005 its timeout (not the x002 pattern); 403 39001 the recipient refused.
  refusals: {
    codes: { '39001': 'access_denied', '39004': 'provider_rate_limited', '39005': 'provider_timeout' },
  },
});

export const DSNJ_ROUTE = dsnjRecipe.routes.identite.path;
