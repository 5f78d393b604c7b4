export { cnousRecipe, CNOUS_IDENTITY_ROUTE, CNOUS_INE_ROUTE } from './cnous-recipe.js';
export { mapScholarshipStatus, type ScholarshipStatusRecord } from './map-scholarship-status.js';
