export { antsRecipe, ANTS_ROUTE } from './ants-recipe.js';
export { mapVehicleRegistration, type VehicleRegistrationRecord } from './map-vehicle-registration.js';
