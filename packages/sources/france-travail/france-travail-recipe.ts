import { HubError, type PersonParent } from '@hub/core';
import { defineSource } from '../recipe/index.js';
import { mapJobSeekerPayments } from './map-job-seeker-payments.js';
import { mapJobSeekerStatus } from './map-job-seeker-status.js';

const STATUS_FIELDS = ['identifier', 'identity', 'civility', 'contact', 'address', 'registration'] as const;

/**
 * France Travail, `Person.jobSeeker`: both routes take the identifiant France Travail the citizen
 * typed at consent. Each field loads its own route, so a caller holding only
 * `pole_emploi_paiements` never triggers the statut route.
 */
export const franceTravailRecipe = defineSource({
  name: 'franceTravail',
  provider: 'FRANCE_TRAVAIL',
  schema: 'france-travail.graphql',
  errorFormat: 'v3',
  routes: {
    statut: { path: '/v3/france_travail/statut/identifiant', by: 'identifier', map: mapJobSeekerStatus },
    indemnites: { path: '/v3/france_travail/indemnites/identifiant', by: 'identifier', map: mapJobSeekerPayments },
  },
  entries: [
    {
      field: 'Person.jobSeeker',
      plan: (parent: PersonParent) => {
        const identifiant = parent.subject.identifiantFranceTravail?.trim();
        if (!identifiant) {
          throw new HubError('NOT_FOUND', 'The consent carries no identifiant France Travail: France Travail cannot be queried for this citizen.', {
            provider: 'FRANCE_TRAVAIL',
            reason: 'missing_identifier',
          });
        }
        return { statut: { identifiant }, indemnites: { identifiant } };
      },
    },
  ],
  objects: {
    JobSeekerStatus: {
      ...Object.fromEntries(STATUS_FIELDS.map((field) => [field, { route: 'statut' as const }])),
      payments: { route: 'indemnites', whole: true },
    },
  },
  // 404 24003 "Aucune situation France Travail…": the identifiant designates nobody France Travail follows.
  refusals: {},
});

export const FRANCE_TRAVAIL_STATUS_ROUTE = franceTravailRecipe.routes.statut.path;
export const FRANCE_TRAVAIL_PAYMENTS_ROUTE = franceTravailRecipe.routes.indemnites.path;
