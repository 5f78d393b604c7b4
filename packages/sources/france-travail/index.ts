export {
  createFranceTravailSource,
  FRANCE_TRAVAIL_PAYMENTS_ROUTE,
  FRANCE_TRAVAIL_STATUS_ROUTE,
  type FranceTravailLoaders,
  type FranceTravailQuery,
  type FranceTravailSource,
  type FranceTravailSourceOptions,
} from './france-travail-source.js';
export { franceTravailResolvers, type FranceTravailContext, type JobSeekerParent } from './france-travail-resolvers.js';
export { mapJobSeekerStatus, type JobSeekerStatusRecord } from './map-job-seeker-status.js';
export { mapJobSeekerPayments, type JobSeekerPaymentRecord } from './map-job-seeker-payments.js';
