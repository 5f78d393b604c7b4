import type DataLoader from 'dataloader';
import type { RequestScope } from '@hub/core';
import { createUpstreamClient, createUpstreamLoader, type UpstreamSourceOptions } from '../http/index.js';
import { mapJobSeekerPayments, type JobSeekerPaymentRecord } from './map-job-seeker-payments.js';
import { mapJobSeekerStatus, type JobSeekerStatusRecord } from './map-job-seeker-status.js';

export const FRANCE_TRAVAIL_STATUS_ROUTE = '/v3/france_travail/statut/identifiant';
export const FRANCE_TRAVAIL_PAYMENTS_ROUTE = '/v3/france_travail/indemnites/identifiant';

/** Query of both routes: the identifiant France Travail the citizen gave at consent time. */
export type FranceTravailQuery = { identifiant: string };

/** Per-request loaders, one per route. */
export type FranceTravailLoaders = {
  status: DataLoader<FranceTravailQuery, JobSeekerStatusRecord, string>;
  payments: DataLoader<FranceTravailQuery, JobSeekerPaymentRecord[] | null, string>;
};

export type FranceTravailSource = {
  createLoaders(scope: RequestScope): FranceTravailLoaders;
};

export type FranceTravailSourceOptions = UpstreamSourceOptions;

/**
 * France Travail source. Its HTTP client (breaker, concurrency cap) lives as long as the source;
 * loaders, which hold personal answers, are built per request and dropped with it.
 */
export function createFranceTravailSource(opts: FranceTravailSourceOptions): FranceTravailSource {
  const client = createUpstreamClient({
    ...opts.client,
    provider: 'FRANCE_TRAVAIL',
    config: opts.config,
    errorFormat: 'v3',
    fetchImpl: opts.fetchImpl,
  });
  return {
    createLoaders(scope) {
      return {
        status: createUpstreamLoader({ client, route: FRANCE_TRAVAIL_STATUS_ROUTE, scope, map: mapJobSeekerStatus }),
        payments: createUpstreamLoader({ client, route: FRANCE_TRAVAIL_PAYMENTS_ROUTE, scope, map: mapJobSeekerPayments }),
      };
    },
  };
}
