import type { ProviderName, RequestScope, SourceConfig, UpstreamCallRecord } from '@hub/core';
import {
  createCnafSource, createCnavSource, createCnousSource, createDgfipSource, createFranceTravailSource,
  createMenSource, createMesriSource, createUpstreamClient, UpstreamLoader,
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
  const factories: { [K in keyof SourceLoaders]: (scope: RequestScope) => SourceLoaders[K] } = {
    dgfip: (scope) => dgfip.createLoaders(scope),
    cnaf: (scope) => cnaf.createLoaders(scope),
    cnav: (scope) => cnav.createLoaders(scope),
    franceTravail: (scope) => franceTravail.createLoaders(scope),
    mesri: (scope) => mesri.createLoaders(scope),
    cnous: (scope) => cnous.createLoaders(scope),
    men: (scope) => men.createLoaders(scope),
  };
  return { createLoaders: (scope) => new LazyLoaders(scope, factories) };
}

/** A source's loaders are built on first use within the request: a query touching one source
 * builds one set (getters on the prototype: nothing is defined per request). */
class LazyLoaders implements SourceLoaders {
  private readonly built: Partial<SourceLoaders> = {};
  constructor(
    private readonly scope: RequestScope,
    private readonly factories: { [K in keyof SourceLoaders]: (scope: RequestScope) => SourceLoaders[K] },
  ) {}
  private get<K extends keyof SourceLoaders>(key: K): SourceLoaders[K] {
    return (this.built[key] ??= this.factories[key](this.scope)) as SourceLoaders[K];
  }
  get dgfip() { return this.get('dgfip'); }
  get cnaf() { return this.get('cnaf'); }
  get cnav() { return this.get('cnav'); }
  get franceTravail() { return this.get('franceTravail'); }
  get mesri() { return this.get('mesri'); }
  get cnous() { return this.get('cnous'); }
  get men() { return this.get('men'); }
}

/**
 * The request's loaders as one subject's resolvers see them: the very same DataLoaders (a call is
 * still made once per request, whoever asks), each `load` noting, for that subject, the list of
 * HTTP attempts of the key it loads (`UpstreamLoader.callsFor`). Two subjects loading the very
 * same key (the same person twice) share that list. Built per subject and request.
 */
export function subjectLoaders(shared: SourceLoaders, note: (calls: readonly UpstreamCallRecord[]) => void): SourceLoaders {
  return new SubjectLoaders(shared, note);
}

class SubjectLoaders implements SourceLoaders {
  private readonly built: Partial<SourceLoaders> = {};
  constructor(
    private readonly shared: SourceLoaders,
    private readonly note: (calls: readonly UpstreamCallRecord[]) => void,
  ) {}
  private get<K extends keyof SourceLoaders>(key: K): SourceLoaders[K] {
    let view = this.built[key];
    if (!view) {
      const loaders: Record<string, unknown> = {};
      for (const [name, loader] of Object.entries(this.shared[key])) loaders[name] = noting(loader, this.note);
      this.built[key] = view = loaders as SourceLoaders[K];
    }
    return view as SourceLoaders[K];
  }
  get dgfip() { return this.get('dgfip'); }
  get cnaf() { return this.get('cnaf'); }
  get cnav() { return this.get('cnav'); }
  get franceTravail() { return this.get('franceTravail'); }
  get mesri() { return this.get('mesri'); }
  get cnous() { return this.get('cnous'); }
  get men() { return this.get('men'); }
}

/** The loader itself for everything but `load` (which `loadMany` calls): an object inheriting from it. */
function noting(loader: unknown, note: (calls: readonly UpstreamCallRecord[]) => void): unknown {
  // A loader that cannot say which calls a key made would leave them out of every entry.
  if (!(loader instanceof UpstreamLoader)) throw new TypeError('source loaders must be UpstreamLoaders (createUpstreamLoader)');
  const shared = loader as UpstreamLoader<Record<string, never>, unknown>;
  const view = Object.create(shared) as typeof shared;
  view.load = (key) => {
    note(shared.callsFor(key));
    return shared.load(key);
  };
  return view;
}
