import { cnousRecipe } from './cnous/index.js';

/**
 * Every source of the graph, each declared once (packages/sources/<admin>/<admin>-recipe.ts). The
 * gateway loops over this list: one client per provider, the loaders of each recipe per request,
 * its resolvers and schema file, its call sites for the cost estimate.
 */
export const SOURCE_RECIPES = [cnousRecipe] as const;

export type SourceRecipes = typeof SOURCE_RECIPES;
