import { HubError } from '@hub/core';
import type { UpstreamQuery } from '../http/encode-query.js';
import type { AnySourceRecipe, Plan } from './source-recipe.js';
import { translateRefusal } from './translate-refusal.js';

type Loader = { load(query: UpstreamQuery): Promise<unknown> };
/** What recipe resolvers need from the GraphQL context: the request's loaders, by recipe name. */
export type RecipeContext = { loaders: Record<string, Record<string, Loader>> };
type Resolver = (parent: unknown, args: unknown, ctx: RecipeContext) => unknown;

/**
 * The resolvers of a recipe (graphql-tools resolver map):
 *
 * - each entry field builds its plan (a coded refusal — `missing_identifier`, `BAD_USER_INPUT` —
 *   fails that field alone, before any call); an eager entry loads its route and resolves to the
 *   record, a lazy one resolves to the plan;
 * - each field of `objects` loads its route of the plan through the request's loader and reads its
 *   property (or the whole record): a field the policy denies is never resolved, so it causes no
 *   call, and the fields that are resolved share one call per (route, query).
 */
export function recipeResolvers(recipe: AnySourceRecipe): Record<string, Record<string, unknown>> {
  const resolvers: Record<string, Record<string, unknown>> = {};
  const at = (type: string) => (resolvers[type] ??= {});
  const loaderOf = (ctx: RecipeContext, route: string): Loader => {
    const loader = ctx.loaders[recipe.name]?.[route];
    if (!loader) throw new TypeError(`no loader ${recipe.name}.${route} in the context`);
    return loader;
  };

  for (const entry of recipe.entries) {
    const [type, field] = splitCoordinate(entry.field);
    const plan = (parent: unknown, args: unknown): Plan => {
      try {
        return (entry.plan as (parent: unknown, args: unknown) => Plan)(parent, args);
      } catch (error) {
        throw error instanceof HubError ? translateRefusal(error, { status: null, by: 'identity', rules: recipe.refusals }) : error;
      }
    };
    const resolve: Resolver = entry.load === undefined
      ? (parent, args) => plan(parent, args)
      : async (parent, args, ctx) => {
          const route = entry.load!;
          const query = plan(parent, args)[route];
          if (!query) throw new TypeError(`${entry.field}: the plan has no ${route} query`);
          return loaderOf(ctx, route).load(query);
        };
    at(type)[field] = resolve;
  }

  for (const [type, fields] of Object.entries(recipe.objects ?? {})) {
    for (const [field, spec] of Object.entries(fields)) {
      const resolve: Resolver = async (parent, _args, ctx) => {
        const plan = parent as Plan;
        const route = spec.route ?? onlyRoute(plan, `${type}.${field}`);
        const query = plan[route];
        if (!query) return null;
        const record = await loaderOf(ctx, route).load(query);
        return spec.whole ? record : (record as Record<string, unknown> | null)?.[field] ?? null;
      };
      at(type)[field] = resolve;
    }
  }

  for (const [type, extra] of Object.entries(recipe.resolvers ?? {})) Object.assign(at(type), extra);
  return resolvers;
}

/**
 * `Household.__resolveType` over every recipe's household kinds: each household record carries a
 * `kind` discriminator, declared by the recipe that builds it.
 */
export function householdResolvers(recipes: readonly AnySourceRecipe[]): Record<string, Record<string, unknown>> {
  const types = new Map<string, string>();
  for (const recipe of recipes) for (const [kind, type] of Object.entries(recipe.households ?? {})) types.set(kind, type);
  return { Household: { __resolveType: (household: { kind?: string }) => (household.kind !== undefined ? types.get(household.kind) ?? null : null) } };
}

function onlyRoute(plan: Plan, coordinate: string): string {
  const routes = Object.keys(plan).filter((route) => plan[route] !== undefined);
  if (routes.length !== 1) throw new TypeError(`${coordinate}: the plan must name exactly one route (got ${routes.join(', ') || 'none'})`);
  return routes[0]!;
}

function splitCoordinate(coordinate: string): [string, string] {
  const [type, field] = coordinate.split('.');
  if (!type || !field) throw new TypeError(`bad schema coordinate ${coordinate}`);
  return [type, field];
}
