export {
  createDgfipSource,
  AVIS_IMPOSITION_ROUTE,
  type DgfipSource,
  type DgfipLoaders,
  type TaxNoticeKey,
} from './create-dgfip-source.js';
export { dgfipResolvers, type DgfipContext } from './dgfip-resolvers.js';
export { loadTaxHousehold } from './load-tax-household.js';
export { mapTaxHousehold } from './map-tax-household.js';
export type { TaxHousehold, TaxNotice, TaxDeclarant } from './tax-household.js';
