import type { HubError, RequestScope, SourceConfig } from '@hub/core';
import { createUpstreamClient, type UpstreamClient, type UpstreamClientOptions } from '../http/create-upstream-client.js';
import { createUpstreamLoader, type UpstreamLoader } from '../http/create-upstream-loader.js';
import type { UpstreamQuery } from '../http/encode-query.js';
import type { AnySourceRecipe, RouteRecipe } from './source-recipe.js';
import { translateRefusal } from './translate-refusal.js';

/** The per-request loaders of a recipe: one per route, named like its routes. */
export type RecipeLoaders<R extends AnySourceRecipe> = {
  [K in keyof R['routes']]: UpstreamLoader<UpstreamQuery, R['routes'][K] extends RouteRecipe<infer V> ? V : never>;
};

/** A recipe bound to its client: one for the life of the process, loaders per request. */
export type RecipeSource<R extends AnySourceRecipe = AnySourceRecipe> = {
  recipe: R;
  client: UpstreamClient;
  /** Per-request loaders: call once per GraphQL request, never share across requests (they cache personal answers). */
  createLoaders(scope: RequestScope): RecipeLoaders<R>;
};

/** Client options a deployment or a test may add (tests inject fetch and shorten delays). */
export type RecipeClientOptions = Omit<Partial<UpstreamClientOptions>, 'provider' | 'config' | 'errorFormat'>;

/**
 * The upstream client of a recipe's provider, with the recipe's resilience defaults under the
 * configured settings. Sources of one provider (CNAF/MSA and the CNAV benefits) share one client:
 * create it once and pass it to each `createRecipeSource`.
 */
export function createRecipeClient(recipe: AnySourceRecipe, config: SourceConfig, opts: RecipeClientOptions = {}): UpstreamClient {
  const { fetchImpl, ...tuning } = opts;
  return createUpstreamClient({
    ...tuning,
    provider: recipe.provider,
    config: { ...config, resilience: { ...recipe.resilience, ...config.resilience } },
    errorFormat: recipe.errorFormat,
    ...(fetchImpl ? { fetchImpl } : {}),
  });
}

/** Binds a recipe to a client (its provider's). */
export function createRecipeSource<R extends AnySourceRecipe>(recipe: R, client: UpstreamClient): RecipeSource<R> {
  if (client.provider !== recipe.provider) throw new TypeError(`recipe ${recipe.name} needs a ${recipe.provider} client, not ${client.provider}`);
  const routes = Object.entries(recipe.routes as Record<string, RouteRecipe>);
  return {
    recipe,
    client,
    createLoaders(scope) {
      const loaders: Record<string, UpstreamLoader<UpstreamQuery, unknown>> = {};
      for (const [name, route] of routes) {
        loaders[name] = createUpstreamLoader({
          client,
          route: route.path,
          scope,
          map: route.map,
          refine: (error: HubError, status) => translateRefusal(error, { status, by: route.by, rules: recipe.refusals }),
          ...(route.bearerParam !== undefined ? { bearerParam: route.bearerParam } : {}),
        });
      }
      return loaders as RecipeLoaders<R>;
    },
  };
}
