export { dgfipRecipe, AVIS_IMPOSITION_ROUTE } from './dgfip-recipe.js';
export { loadTaxHousehold, taxNoticeKey, type TaxNoticeKey } from './load-tax-household.js';
export { mapTaxHousehold } from './map-tax-household.js';
export type { TaxHousehold, TaxNotice, TaxDeclarant } from './tax-household.js';
