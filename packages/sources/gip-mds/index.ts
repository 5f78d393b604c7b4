export { gipMdsRecipe, GIP_MDS_ROUTE } from './gip-mds-recipe.js';
export { mapCivicService, type CivicServiceContract, type CivicServiceRecord } from './map-civic-service.js';
