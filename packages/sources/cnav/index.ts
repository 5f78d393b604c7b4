export { cnavRecipe, CNAV_BENEFIT_ROUTES } from './cnav-recipe.js';
export { CNAV_REFUSALS } from './cnav-refusals.js';
export { mapSocialBenefit } from './map-social-benefit.js';
export type {
  BenefitWithIncrease,
  BenefitEntitlement,
  SupplementaryHealthCoverage,
  DisabledChildEducationAllowance,
  DisabledChildEducationAllowanceStatus,
} from './social-benefits.js';
