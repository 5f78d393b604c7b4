export { createMenSource, MEN_SCHOOLING_ROUTE, type MenLoaders, type MenQuery, type MenSource, type MenSourceOptions } from './men-source.js';
export { menResolvers, type ChildParent, type MenContext } from './men-resolvers.js';
export { validateSchoolingArgs, type SchoolingArgs, type SchoolingSearch } from './validate-schooling-args.js';
export { pupilQueryFromIdentity, pupilQueryFromPivot, type PupilQuery } from './build-pupil-query.js';
export { mapSchooling, type SchoolingRecord } from './map-schooling.js';
