export { dsnjRecipe, DSNJ_ROUTE } from './dsnj-recipe.js';
export { mapNationalService, type NationalServiceRecord, type NationalServiceStanding } from './map-national-service.js';
