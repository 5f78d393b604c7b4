export { menRecipe, MEN_SCHOOLING_ROUTE, type ChildParent } from './men-recipe.js';
export { validateSchoolingArgs, type SchoolingArgs, type SchoolingSearch } from './validate-schooling-args.js';
export { pupilQueryFromIdentity, pupilQueryFromPivot, type PupilQuery } from './build-pupil-query.js';
export { mapSchooling, type SchoolingRecord } from './map-schooling.js';
