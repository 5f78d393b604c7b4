import type { PersonParent } from '@hub/core';
import { ineOrIdentityPlan } from '../http/index.js';
import { defineSource, ineAndIdentityRoutes, planFields } from '../recipe/index.js';
import { mapScholarshipStatus } from './map-scholarship-status.js';

/**
 * CNOUS (bourses sur critères sociaux), `Person.scholarship`, on API Particulier v4 (whose
 * `statut_boursier` says whether the student holds a scholarship, was struck off, and when): the INE route when the consent
 * carries an INE (the more reliable key), else the identity route with up to three first names
 * (OpenAPI `prenoms[]` maxItems 3) and the full birth date.
 */
export const cnousRecipe = defineSource({
  name: 'cnous',
  provider: 'CNOUS',
  schema: 'cnous.graphql',
  errorFormat: 'v3',
  routes: ineAndIdentityRoutes('/v4/cnous/etudiant_boursier', mapScholarshipStatus),
  entries: [
    { field: 'Person.scholarship', plan: (parent: PersonParent) => ineOrIdentityPlan(parent.subject, { provider: 'CNOUS', maxFirstNames: 3 }) },
  ],
  objects: {
    ScholarshipStatus: planFields(['isScholarshipHolder', 'isStruckOff', 'struckOffDate', 'grade', 'email', 'paymentPeriod', 'studyPlace', 'identity', 'birthPlaceName']),
  },
  // 404 26003 "Aucun étudiant boursier n'a pu être trouvé": on the identity route nobody matched,
  // on the INE route the student holds no scholarship file (the shared reading by route); 422
  // 00360 the INE is malformed.
  refusals: {},
});

export const CNOUS_INE_ROUTE = cnousRecipe.routes.ine.path;
export const CNOUS_IDENTITY_ROUTE = cnousRecipe.routes.identite.path;
