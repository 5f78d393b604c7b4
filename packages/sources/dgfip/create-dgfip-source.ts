import type DataLoader from 'dataloader';
import type { RequestScope, SourceConfig } from '@hub/core';
import { createUpstreamClient, createUpstreamLoader, type UpstreamClient } from '../http/index.js';
import { mapTaxHousehold } from './map-tax-household.js';
import type { TaxHousehold } from './tax-household.js';

/** The retired API Particulier v2 route, still the DGFIP wire format of the sandbox (docs/contract.md#upstreams). */
export const AVIS_IMPOSITION_ROUTE = '/api/v2/avis-imposition';

/** Query of the avis-imposition route: the two identifiers typed by the citizen at consent. */
export type TaxNoticeKey = { numeroFiscal: string; referenceAvis: string };

export type DgfipLoaders = {
  /** One notice per (numéro fiscal, référence d'avis), mapped to a TaxHousehold. */
  taxHousehold: DataLoader<TaxNoticeKey, TaxHousehold, string>;
};

export type DgfipSource = {
  client: UpstreamClient;
  /** Per-request loaders: call once per GraphQL request, never share across requests. */
  createLoaders(scope: RequestScope): DgfipLoaders;
};

export function createDgfipSource(opts: { config: SourceConfig; fetchImpl?: typeof fetch }): DgfipSource {
  const client = createUpstreamClient({
    provider: 'DGFIP',
    config: opts.config,
    errorFormat: 'v2-flat',
    ...(opts.fetchImpl ? { fetchImpl: opts.fetchImpl } : {}),
  });
  return {
    client,
    createLoaders(scope) {
      return {
        taxHousehold: createUpstreamLoader<TaxNoticeKey, TaxHousehold>({
          client,
          route: AVIS_IMPOSITION_ROUTE,
          scope,
          map: mapTaxHousehold,
        }),
      };
    },
  };
}
