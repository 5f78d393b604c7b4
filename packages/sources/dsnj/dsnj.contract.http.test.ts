// The shared source contract (contract/run-source-contract.ts) for the DSNJ, on every staging case
// of /v3/dsnj/service_national/identite (403 39001, 404 39003, 429 39004, 504 39005 with their reasons).
import { payload, runSourceContract, subjectFromParams } from '../contract/run-source-contract.js';
import { dsnjRecipe } from './dsnj-recipe.js';

/** `statut_service_national` (OpenAPI enum); an undocumented value reads null. */
const STANDINGS: Record<string, string> = { en_regle: 'IN_ORDER', pas_en_regle: 'NOT_IN_ORDER', indetermine: 'UNDETERMINED', non_concerne: 'NOT_CONCERNED' };

runSourceContract({
  recipe: dsnjRecipe,
  routes: {
    identite: {
      folders: ['api_particulier_v3_dsnj_service_national_with_civility'],
      subject: (params) => subjectFromParams(params),
      query: () => 'nationalService { status comments }',
      pick: (data) => (data.person as Record<string, unknown> | null)?.nationalService,
      expected: (data) => {
        const status = payload.str(data.statut_service_national);
        return { status: status !== null && Object.hasOwn(STANDINGS, status) ? STANDINGS[status] : null, comments: payload.str(data.commentaires) };
      },
    },
  },
});
