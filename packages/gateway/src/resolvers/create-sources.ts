import type { ProviderName, RequestScope, SourceConfig, UpstreamCallRecord } from '@hub/core';
import {
  createRecipeClient, createRecipeSource, SOURCE_RECIPES, UpstreamLoader, type RecipeLoaders, type SourceRecipes, type UpstreamClient,
} from '@hub/sources';

/** The request's loaders, by recipe name (`ctx.loaders.cnous.ine`…), one per route. */
export type SourceLoaders = { [R in SourceRecipes[number] as R['name']]: RecipeLoaders<R> };

export type Sources = { createLoaders(scope: RequestScope): SourceLoaders };

type Factories = Record<string, (scope: RequestScope) => unknown>;

/**
 * A loop over the recipes: one client per provider for the life of the process (its circuit
 * breaker and concurrency cap are per provider: CNAF/MSA and the CNAV benefits share CNAV's), and
 * each recipe's loaders built per request, on first use.
 */
export function createSources(upstreams: Record<ProviderName, SourceConfig>, fetchImpl?: typeof fetch): Sources {
  const clients = new Map<ProviderName, UpstreamClient>();
  const clientOf = (recipe: SourceRecipes[number]): UpstreamClient => {
    let client = clients.get(recipe.provider);
    if (!client) clients.set(recipe.provider, (client = createRecipeClient(recipe, upstreams[recipe.provider], fetchImpl ? { fetchImpl } : {})));
    return client;
  };
  const factories: Factories = {};
  for (const recipe of SOURCE_RECIPES) {
    const source = createRecipeSource(recipe, clientOf(recipe));
    factories[recipe.name] = (scope) => source.createLoaders(scope);
  }
  const Lazy = lazyLoadersClass(factories);
  return { createLoaders: (scope) => new Lazy(scope) as unknown as SourceLoaders };
}

/**
 * A class whose instances build a source's loaders on first use within the request, so a query
 * touching one source builds one set. The getters are defined once, on the prototype, from the
 * factories: nothing is defined per request.
 */
function lazyLoadersClass(factories: Factories): new (scope: RequestScope) => object {
  class LazyLoaders {
    readonly built = new Map<string, unknown>();
    constructor(readonly scope: RequestScope) {}
  }
  for (const [name, factory] of Object.entries(factories)) {
    Object.defineProperty(LazyLoaders.prototype, name, {
      enumerable: true,
      get(this: LazyLoaders) {
        let loaders = this.built.get(name);
        if (loaders === undefined) this.built.set(name, (loaders = factory(this.scope)));
        return loaders;
      },
    });
  }
  return LazyLoaders;
}

/**
 * The request's loaders as one subject's resolvers see them: the very same DataLoaders (a call is
 * still made once per request, whoever asks), each `load` noting, for that subject, the list of
 * HTTP attempts of the key it loads (`UpstreamLoader.callsFor`). Two subjects loading the very
 * same key (the same person twice) share that list. Built per subject and request; a source's view
 * is built on first use.
 */
export function subjectLoaders(shared: SourceLoaders, note: (calls: readonly UpstreamCallRecord[]) => void): SourceLoaders {
  const views = new Map<string, Record<string, unknown>>();
  return new Proxy(shared, {
    get(target, key, receiver) {
      if (typeof key !== 'string') return Reflect.get(target, key, receiver);
      let view = views.get(key);
      if (!view) {
        const loaders = Reflect.get(target, key, target) as Record<string, unknown> | undefined;
        if (loaders === undefined) return undefined;
        view = {};
        for (const [name, loader] of Object.entries(loaders)) view[name] = noting(loader, note);
        views.set(key, view);
      }
      return view;
    },
  });
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
