export {
  createCnafSource,
  QUOTIENT_FAMILIAL_ROUTE,
  type CnafSource,
  type CnafLoaders,
  type FamilyKey,
} from './create-cnaf-source.js';
export { cnafResolvers, validateFamilyArgs, type CnafContext, type FamilyArgs } from './cnaf-resolvers.js';
export { mapFamilyHousehold } from './map-family-household.js';
export type { FamilyHousehold, FamilyQuotient, FamilyProvider, ChildObject } from './family-household.js';
