import type DataLoader from 'dataloader';
import type { RequestScope } from '@hub/core';
import { createUpstreamClient, createUpstreamLoader, type UpstreamSourceOptions } from '../http/index.js';
import type { MesriLookup } from './build-mesri-lookup.js';
import { mapStudentStatus, type StudentStatusRecord } from './map-student-status.js';

export const MESRI_INE_ROUTE = '/v3/mesri/statut_etudiant/ine';
export const MESRI_IDENTITY_ROUTE = '/v3/mesri/statut_etudiant/identite';

/** Per-request loaders, one per route. */
export type MesriLoaders = {
  byIne: DataLoader<Extract<MesriLookup, { by: 'ine' }>['query'], StudentStatusRecord, string>;
  byIdentity: DataLoader<Extract<MesriLookup, { by: 'identite' }>['query'], StudentStatusRecord, string>;
};

export type MesriSource = {
  createLoaders(scope: RequestScope): MesriLoaders;
};

export type MesriSourceOptions = UpstreamSourceOptions;

/** MESRI source: one client for the life of the process, loaders per request. */
export function createMesriSource(opts: MesriSourceOptions): MesriSource {
  const client = createUpstreamClient({ ...opts.client, provider: 'MESRI', config: opts.config, errorFormat: 'v3', fetchImpl: opts.fetchImpl });
  return {
    createLoaders(scope) {
      return {
        byIne: createUpstreamLoader({ client, route: MESRI_INE_ROUTE, scope, map: mapStudentStatus }),
        byIdentity: createUpstreamLoader({ client, route: MESRI_IDENTITY_ROUTE, scope, map: mapStudentStatus }),
      };
    },
  };
}

/** Loads the student status a lookup designates. */
export function loadStudentStatus(loaders: MesriLoaders, lookup: MesriLookup): Promise<StudentStatusRecord> {
  return lookup.by === 'ine' ? loaders.byIne.load(lookup.query) : loaders.byIdentity.load(lookup.query);
}
