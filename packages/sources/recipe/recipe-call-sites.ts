import type { AnySourceRecipe } from './source-recipe.js';

/** A graph field that loads an upstream route, for the gateway's pre-execution call estimate. */
export type RecipeCallSite = {
  /** Schema coordinate of the field whose resolution makes the call. */
  coordinate: string;
  /** Route path (for a source whose plan picks one of several routes: one of them, one call either way). */
  route: string;
  /** The call's parameters include the field's arguments. */
  withArguments: boolean;
};

/**
 * Where each recipe's calls happen, read from the declaration: an eager entry calls where it is;
 * an entry with arguments stands for the calls its object's fields make (they load with its
 * arguments); otherwise each object field calls its own route.
 */
export function recipeCallSites(recipe: AnySourceRecipe): RecipeCallSite[] {
  const routes = recipe.routes;
  const names = Object.keys(routes);
  const byIdentity = names.find((name) => routes[name]!.by === 'identity') ?? names[0]!;
  const sites: RecipeCallSite[] = [];
  const lazyWithArguments = recipe.entries.some((entry) => entry.load === undefined && entry.withArguments);
  for (const entry of recipe.entries) {
    if (entry.load !== undefined) {
      sites.push({ coordinate: entry.field, route: routes[entry.load]!.path, withArguments: entry.withArguments === true });
    } else if (entry.withArguments) {
      sites.push({ coordinate: entry.field, route: routes[byIdentity]!.path, withArguments: true });
    }
  }
  if (!lazyWithArguments) {
    for (const [type, fields] of Object.entries(recipe.objects ?? {})) {
      for (const [field, spec] of Object.entries(fields)) {
        sites.push({ coordinate: `${type}.${field}`, route: routes[spec.route ?? byIdentity]!.path, withArguments: false });
      }
    }
  }
  return sites;
}
