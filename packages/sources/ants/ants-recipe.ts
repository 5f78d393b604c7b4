import { HubError, type PersonParent } from '@hub/core';
import { defineSource } from '../recipe/index.js';
import { mapVehicleRegistration } from './map-vehicle-registration.js';

/**
 * ANTS (certificat d'immatriculation), `Person.vehicle(registrationNumber:)`. API Particulier
 * serves it on a `/france_connect` route only: the citizen's FranceConnect access token is the
 * call's bearer (`bearerParam`: the loader sends it as `Authorization`, never in the query). With a
 * hub consent there is no such token: the field fails alone, before any call.
 */
/** The plan's parameter carrying the citizen's access token to the loader (not sent as a parameter). */
const BEARER = 'franceConnectAccessToken';

export const antsRecipe = defineSource({
  name: 'ants',
  provider: 'ANTS',
  schema: 'ants.graphql',
  errorFormat: 'v3',
  routes: {
    franceConnect: { path: '/v3/ants/extrait_immatriculation_vehicule/france_connect', by: 'france_connect', map: mapVehicleRegistration, bearerParam: BEARER },
  },
  entries: [
    {
      field: 'Person.vehicle',
      load: 'franceConnect',
      withArguments: true,
      plan: (parent: PersonParent, args: { registrationNumber: string }) => {
        if (parent.franceConnectToken !== undefined) {
          return { franceConnect: { immatriculation: args.registrationNumber, [BEARER]: parent.franceConnectToken } };
        }
        throw new HubError(
          'NOT_FOUND',
          'The ANTS answers in FranceConnect mode only (person(franceConnectToken:)); a hub consent cannot reach it.',
          { provider: 'ANTS', reason: 'franceconnect_required' },
        );
      },
    },
  ],
  // 404 42003: no registration file under that number for this citizen (shared reading).
  refusals: {},
});

export const ANTS_ROUTE = antsRecipe.routes.franceConnect.path;
