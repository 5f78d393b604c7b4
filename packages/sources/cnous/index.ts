export {
  CNOUS_IDENTITY_ROUTE,
  CNOUS_INE_ROUTE,
  createCnousSource,
  loadScholarshipStatus,
  type CnousLoaders,
  type CnousSource,
  type CnousSourceOptions,
} from './cnous-source.js';
export { cnousResolvers, type CnousContext } from './cnous-resolvers.js';
export { buildCnousLookup, type CnousLookup } from './build-cnous-lookup.js';
export { mapScholarshipStatus, type ScholarshipStatusRecord } from './map-scholarship-status.js';
