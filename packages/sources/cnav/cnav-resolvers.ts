import type { PersonParent } from '@hub/core';
import { identityPivotQuery, type UpstreamQuery } from '../http/index.js';
import type { CnavLoaders } from './create-cnav-source.js';

export type CnavContext = { loaders: { cnav: CnavLoaders } };

/**
 * The parent of SocialBenefits' fields: only the pivot query. `Person.socialBenefits` itself calls
 * nothing, so each benefit route is called only when its field is requested and allowed.
 */
export type SocialBenefitsParent = { pivotQuery: UpstreamQuery };

const benefit =
  <K extends keyof CnavLoaders>(name: K) =>
  (parent: SocialBenefitsParent, _args: unknown, ctx: CnavContext) =>
    ctx.loaders.cnav[name].load(parent.pivotQuery) as ReturnType<CnavLoaders[K]['load']>;

/** Resolvers of schema/cnav.graphql (scopes are enforced by @policy before these run). */
export const cnavResolvers = {
  Person: {
    socialBenefits: (parent: PersonParent): SocialBenefitsParent => ({ pivotQuery: identityPivotQuery(parent.subject) }),
  },
  SocialBenefits: {
    activeSolidarityIncome: benefit('activeSolidarityIncome'),
    activityBonus: benefit('activityBonus'),
    disabledAdultAllowance: benefit('disabledAdultAllowance'),
    familySupportAllowance: benefit('familySupportAllowance'),
    supplementaryHealthCoverage: benefit('supplementaryHealthCoverage'),
    disabledChildEducationAllowance: benefit('disabledChildEducationAllowance'),
  },
};
