export { createCnavSource, CNAV_BENEFIT_ROUTES, type CnavSource, type CnavLoaders } from './create-cnav-source.js';
export { cnavResolvers, type CnavContext, type SocialBenefitsParent } from './cnav-resolvers.js';
export { mapSocialBenefit } from './map-social-benefit.js';
export type {
  BenefitWithIncrease,
  BenefitEntitlement,
  SupplementaryHealthCoverage,
  DisabledChildEducationAllowance,
  DisabledChildEducationAllowanceStatus,
} from './social-benefits.js';
