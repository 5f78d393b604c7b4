import { HubError } from '@hub/core';
import { defineSource } from '../recipe/index.js';
import { mapVehicleRegistration } from './map-vehicle-registration.js';

/**
 * ANTS (certificat d'immatriculation), `Person.vehicle(registrationNumber:)`. API Particulier
 * serves it on a `/france_connect` route only: the citizen's FranceConnect access token is the
 * call's bearer, so a hub consent cannot reach it and the field fails alone, before any call.
 * Forwarding the token of the FranceConnect mode needs the recipe's client to take a per-call
 * bearer; until it does, every subject gets the refusal (docs/contract.md#the-graph).
 */
export const antsRecipe = defineSource({
  name: 'ants',
  provider: 'ANTS',
  schema: 'ants.graphql',
  errorFormat: 'v3',
  routes: {
    franceConnect: { path: '/v3/ants/extrait_immatriculation_vehicule/france_connect', by: 'france_connect', map: mapVehicleRegistration },
  },
  entries: [
    {
      field: 'Person.vehicle',
      load: 'franceConnect',
      withArguments: true,
      plan: (): never => {
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
