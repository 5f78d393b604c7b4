export { sdhRecipe, SDH_ROUTE } from './sdh-recipe.js';
export { mapAthleteStatus, type AthleteStatusPeriod, type AthleteStatusRecord } from './map-athlete-status.js';
