import type DataLoader from 'dataloader';
import type { RequestScope } from '@hub/core';
import { createUpstreamClient, createUpstreamLoader, type UpstreamSourceOptions } from '../http/index.js';
import type { CnousLookup } from './build-cnous-lookup.js';
import { mapScholarshipStatus, type ScholarshipStatusRecord } from './map-scholarship-status.js';

export const CNOUS_INE_ROUTE = '/v3/cnous/etudiant_boursier/ine';
export const CNOUS_IDENTITY_ROUTE = '/v3/cnous/etudiant_boursier/identite';

/** Per-request loaders, one per route. */
export type CnousLoaders = {
  byIne: DataLoader<Extract<CnousLookup, { by: 'ine' }>['query'], ScholarshipStatusRecord, string>;
  byIdentity: DataLoader<Extract<CnousLookup, { by: 'identite' }>['query'], ScholarshipStatusRecord, string>;
};

export type CnousSource = {
  createLoaders(scope: RequestScope): CnousLoaders;
};

export type CnousSourceOptions = UpstreamSourceOptions;

/** CNOUS source: one client for the life of the process, loaders per request. */
export function createCnousSource(opts: CnousSourceOptions): CnousSource {
  const client = createUpstreamClient({ ...opts.client, provider: 'CNOUS', config: opts.config, errorFormat: 'v3', fetchImpl: opts.fetchImpl });
  return {
    createLoaders(scope) {
      return {
        byIne: createUpstreamLoader({ client, route: CNOUS_INE_ROUTE, scope, map: mapScholarshipStatus }),
        byIdentity: createUpstreamLoader({ client, route: CNOUS_IDENTITY_ROUTE, scope, map: mapScholarshipStatus }),
      };
    },
  };
}

/** Loads the scholarship status a lookup designates. */
export function loadScholarshipStatus(loaders: CnousLoaders, lookup: CnousLookup): Promise<ScholarshipStatusRecord> {
  return lookup.by === 'ine' ? loaders.byIne.load(lookup.query) : loaders.byIdentity.load(lookup.query);
}
