import { antsRecipe } from './ants/index.js';
import { cnafRecipe } from './cnaf/index.js';
import { cnavRecipe } from './cnav/index.js';
import { cnousRecipe } from './cnous/index.js';
import { dgfipRecipe } from './dgfip/index.js';
import { dsnjRecipe } from './dsnj/index.js';
import { eajeRecipe } from './eaje/index.js';
import { franceTravailRecipe } from './france-travail/index.js';
import { gipMdsRecipe } from './gip-mds/index.js';
import { menRecipe } from './men/index.js';
import { mesriRecipe } from './mesri/index.js';
import { sdhRecipe } from './sdh/index.js';

/**
 * Every source of the graph, each declared once (packages/sources/<admin>/<admin>-recipe.ts). The
 * gateway loops over this list: one client per provider, the loaders of each recipe per request,
 * its resolvers and schema file, its call sites for the cost estimate.
 */
export const SOURCE_RECIPES = [dgfipRecipe, cnafRecipe, cnavRecipe, franceTravailRecipe, mesriRecipe, cnousRecipe, menRecipe,
  dsnjRecipe, gipMdsRecipe, sdhRecipe, eajeRecipe, antsRecipe] as const;

export type SourceRecipes = typeof SOURCE_RECIPES;
