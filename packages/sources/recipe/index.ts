export {
  defineSource, ineAndIdentityRoutes, planFields,
  type EntryRecipe, type FieldRecipe, type Plan, type Refusal, type RefusalRules, type RouteChoice, type RouteRecipe, type SourceRecipe, type AnySourceRecipe,
} from './source-recipe.js';
export { createRecipeClient, createRecipeSource, type RecipeClientOptions, type RecipeLoaders, type RecipeSource } from './create-recipe-source.js';
export { householdResolvers, recipeResolvers, type RecipeContext } from './recipe-resolvers.js';
export { translateRefusal } from './translate-refusal.js';
export { fullBirthDateIdentityEntry } from './full-birth-date-identity-entry.js';
export { recipeCallSites, type RecipeCallSite } from './recipe-call-sites.js';
