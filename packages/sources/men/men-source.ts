import type DataLoader from 'dataloader';
import type { RequestScope } from '@hub/core';
import { createUpstreamClient, createUpstreamLoader, type UpstreamSourceOptions } from '../http/index.js';
import type { PupilQuery } from './build-pupil-query.js';
import { mapSchooling, type SchoolingRecord } from './map-schooling.js';
import type { SchoolingSearch } from './validate-schooling-args.js';

export const MEN_SCHOOLING_ROUTE = '/v3/men/scolarites/identite';

/** Full query of the MEN route: the pupil and the search. */
export type MenQuery = PupilQuery & SchoolingSearch;

/** Per-request loaders. */
export type MenLoaders = {
  schooling: DataLoader<MenQuery, SchoolingRecord, string>;
};

export type MenSource = {
  createLoaders(scope: RequestScope): MenLoaders;
};

export type MenSourceOptions = UpstreamSourceOptions;

/** MEN source: one client for the life of the process, loaders per request. */
export function createMenSource(opts: MenSourceOptions): MenSource {
  const client = createUpstreamClient({ ...opts.client, provider: 'MEN', config: opts.config, errorFormat: 'v3', fetchImpl: opts.fetchImpl });
  return {
    createLoaders(scope) {
      return { schooling: createUpstreamLoader({ client, route: MEN_SCHOOLING_ROUTE, scope, map: mapSchooling }) };
    },
  };
}
