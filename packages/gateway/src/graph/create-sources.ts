import type { ProviderName, RequestScope, SourceConfig } from '@hub/core';
import {
  createCnafSource, createCnavSource, createCnousSource, createDgfipSource, createFranceTravailSource,
  createMenSource, createMesriSource, createUpstreamClient,
  type CnafLoaders, type CnavLoaders, type CnousLoaders, type DgfipLoaders, type FranceTravailLoaders,
  type MenLoaders, type MesriLoaders,
} from '@hub/sources';

export type SourceLoaders = {
  dgfip: DgfipLoaders;
  cnaf: CnafLoaders;
  cnav: CnavLoaders;
  franceTravail: FranceTravailLoaders;
  mesri: MesriLoaders;
  cnous: CnousLoaders;
  men: MenLoaders;
};

export type Sources = { createLoaders(scope: RequestScope): SourceLoaders };

/**
 * One client per provider for the life of the process (its circuit breaker and concurrency cap
 * are per provider); loaders are built per request. CNAF/MSA and the CNAV benefits are both
 * served by CNAV: they share one client, hence one breaker and one cap.
 */
export function createSources(upstreams: Record<ProviderName, SourceConfig>, fetchImpl?: typeof fetch): Sources {
  const cnavClient = createUpstreamClient({ provider: 'CNAV', config: upstreams.CNAV, errorFormat: 'v3', ...(fetchImpl ? { fetchImpl } : {}) });
  const f = fetchImpl ? { fetchImpl } : {};
  const dgfip = createDgfipSource({ config: upstreams.DGFIP, ...f });
  const cnaf = createCnafSource({ config: upstreams.CNAV, client: cnavClient });
  const cnav = createCnavSource({ config: upstreams.CNAV, client: cnavClient });
  const franceTravail = createFranceTravailSource({ config: upstreams.FRANCE_TRAVAIL, ...f });
  const mesri = createMesriSource({ config: upstreams.MESRI, ...f });
  const cnous = createCnousSource({ config: upstreams.CNOUS, ...f });
  const men = createMenSource({ config: upstreams.MEN, ...f });
  return {
    createLoaders: (scope) => ({
      dgfip: dgfip.createLoaders(scope),
      cnaf: cnaf.createLoaders(scope),
      cnav: cnav.createLoaders(scope),
      franceTravail: franceTravail.createLoaders(scope),
      mesri: mesri.createLoaders(scope),
      cnous: cnous.createLoaders(scope),
      men: men.createLoaders(scope),
    }),
  };
}
