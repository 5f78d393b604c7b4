export { eajeRecipe, EAJE_ROUTE } from './eaje-recipe.js';
export { mapChildcareHousehold, type ChildcareFeeParameters, type ChildcareHousehold } from './map-childcare-household.js';
