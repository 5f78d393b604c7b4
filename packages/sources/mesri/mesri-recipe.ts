import type { PersonParent } from '@hub/core';
import { ineOrIdentityPlan } from '../http/index.js';
import { defineSource, ineAndIdentityRoutes, planFields } from '../recipe/index.js';
import { mapStudentStatus } from './map-student-status.js';

/**
 * MESRI (statut étudiant), `Person.student`: the INE route when the consent carries an INE, else
 * the identity route with a single first name (OpenAPI `prenoms[]` maxItems 1) and the full
 * birth date.
 */
export const mesriRecipe = defineSource({
  name: 'mesri',
  provider: 'MESRI',
  schema: 'mesri.graphql',
  errorFormat: 'v3',
  routes: ineAndIdentityRoutes('/v3/mesri/statut_etudiant', mapStudentStatus),
  entries: [
    { field: 'Person.student', plan: (parent: PersonParent) => ineOrIdentityPlan(parent.subject, { provider: 'MESRI', maxFirstNames: 1 }) },
  ],
  objects: { StudentStatus: planFields(['identity', 'admissions']) },
  // 404 25003 "Aucun étudiant n'a pu être trouvé": by route (identity: nobody matched; INE: no file).
  refusals: {},
});

export const MESRI_INE_ROUTE = mesriRecipe.routes.ine.path;
export const MESRI_IDENTITY_ROUTE = mesriRecipe.routes.identite.path;
