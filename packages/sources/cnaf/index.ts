export { cnafRecipe, QUOTIENT_FAMILIAL_ROUTE } from './cnaf-recipe.js';
export { validateFamilyArgs, type FamilyArgs } from './validate-family-args.js';
export { mapFamilyHousehold } from './map-family-household.js';
export type { FamilyHousehold, FamilyQuotient, FamilyProvider, ChildObject } from './family-household.js';
