import { HubError, type PersonParent } from '@hub/core';
import { defineSource } from '../recipe/index.js';
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
    {
      field: 'Person.nationalService',
      load: 'identite',
      plan: ({ subject: s }: PersonParent) => {
        if (s.moisDateNaissance === undefined || s.jourDateNaissance === undefined) {
          throw new HubError('NOT_FOUND', 'The DSNJ needs a full birth date; the consent has none.', { provider: 'DSNJ', reason: 'missing_identifier' });
        }
        return {
          identite: {
            nomNaissance: s.nomNaissance,
            prenoms: s.prenoms,
            sexeEtatCivil: s.sexeEtatCivil,
            anneeDateNaissance: s.anneeDateNaissance,
            moisDateNaissance: s.moisDateNaissance,
            jourDateNaissance: s.jourDateNaissance,
            codeCogInseePaysNaissance: s.codeCogInseePaysNaissance,
            codeCogInseeCommuneNaissance: s.codeCogInseePaysNaissance === '99100' ? s.codeCogInseeCommuneNaissance : undefined,
          },
        };
      },
    },
  ],
  // 404 39003 (its wording speaks of a SIRET, copied from another API): nobody matched; 429 39004
  // its quota; 504 39005 its timeout (not the x002 pattern); 403 39001 the recipient refused.
  refusals: {
    codes: { '39001': 'access_denied', '39004': 'provider_rate_limited', '39005': 'provider_timeout' },
  },
});

export const DSNJ_ROUTE = dsnjRecipe.routes.identite.path;
