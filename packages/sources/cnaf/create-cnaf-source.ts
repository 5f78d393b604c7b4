import type DataLoader from 'dataloader';
import type { RequestScope, SourceConfig } from '@hub/core';
import { createUpstreamClient, createUpstreamLoader, type UpstreamClient, type UpstreamQuery } from '../http/index.js';
import type { FamilyHousehold } from './family-household.js';
import { mapFamilyHousehold } from './map-family-household.js';

export const QUOTIENT_FAMILIAL_ROUTE = '/v3/dss/quotient_familial/identite';

/** Identity pivot parameters (see identityPivotQuery) plus the optional `annee` and `mois`. */
export type FamilyKey = UpstreamQuery & { annee?: number; mois?: number };

export type CnafLoaders = {
  family: DataLoader<FamilyKey, FamilyHousehold, string>;
};

export type CnafSource = {
  client: UpstreamClient;
  /** Per-request loaders: call once per GraphQL request, never share across requests. */
  createLoaders(scope: RequestScope): CnafLoaders;
};

/**
 * CNAF/MSA quotient familial, served by CNAV (provider 'CNAV'). Pass `client` to share one
 * client (one breaker, one concurrency cap) with the CNAV benefits source.
 */
export function createCnafSource(opts: { config: SourceConfig; fetchImpl?: typeof fetch; client?: UpstreamClient }): CnafSource {
  const client =
    opts.client ??
    createUpstreamClient({
      provider: 'CNAV',
      config: opts.config,
      errorFormat: 'v3',
      ...(opts.fetchImpl ? { fetchImpl: opts.fetchImpl } : {}),
    });
  return {
    client,
    createLoaders(scope) {
      return {
        family: createUpstreamLoader<FamilyKey, FamilyHousehold>({ client, route: QUOTIENT_FAMILIAL_ROUTE, scope, map: mapFamilyHousehold }),
      };
    },
  };
}
