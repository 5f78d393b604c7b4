export { franceTravailRecipe, FRANCE_TRAVAIL_PAYMENTS_ROUTE, FRANCE_TRAVAIL_STATUS_ROUTE } from './france-travail-recipe.js';
export { mapJobSeekerStatus, type JobSeekerStatusRecord } from './map-job-seeker-status.js';
export { mapJobSeekerPayments, type JobSeekerPaymentRecord } from './map-job-seeker-payments.js';
