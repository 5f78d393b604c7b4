import { HubError, type PersonParent } from '@hub/core';
import { defineSource } from '../recipe/index.js';
import { mapAthleteStatus } from './map-athlete-status.js';

/** Sport Data Hub, `Person.highLevelAthlete`: the identifiant sportif typed by the citizen at consent time. */
export const sdhRecipe = defineSource({
  name: 'sdh',
  provider: 'SDH',
  schema: 'sdh.graphql',
  errorFormat: 'v3',
  routes: {
    identifiant: { path: '/v3/sdh/statut_sportif/identifiant', by: 'identifier', map: mapAthleteStatus },
  },
  entries: [
    {
      field: 'Person.highLevelAthlete',
      load: 'identifiant',
      plan: ({ subject }: PersonParent) => {
        const identifiant = subject.identifiantSportif?.trim();
        if (!identifiant) {
          throw new HubError('NOT_FOUND', 'The consent carries no identifiant sportif: the Sport Data Hub cannot be queried.', { provider: 'SDH', reason: 'missing_identifier' });
        }
        return { identifiant: { identifiant } };
      },
    },
  ],
  // 404 37003 on an identifier route: no athlete file under that identifiant (no_record, shared).
  refusals: {},
});

export const SDH_ROUTE = sdhRecipe.routes.identifiant.path;
