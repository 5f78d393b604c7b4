import type DataLoader from 'dataloader';
import type { RequestScope, SourceConfig } from '@hub/core';
import { createUpstreamClient, createUpstreamLoader, type UpstreamClient, type UpstreamQuery } from '../http/index.js';
import { mapSocialBenefit } from './map-social-benefit.js';
import type {
  BenefitEntitlement,
  BenefitWithIncrease,
  DisabledChildEducationAllowance,
  SupplementaryHealthCoverage,
} from './social-benefits.js';

/** The six benefit routes (docs/contract.md#upstreams), all asked with the identity pivot. */
export const CNAV_BENEFIT_ROUTES = {
  activeSolidarityIncome: '/v3/dss/revenu_solidarite_active/identite',
  activityBonus: '/v3/dss/prime_activite/identite',
  disabledAdultAllowance: '/v3/dss/allocation_adulte_handicape/identite',
  familySupportAllowance: '/v3/dss/allocation_soutien_familial/identite',
  supplementaryHealthCoverage: '/v3/dss/complementaire_sante_solidaire/identite',
  disabledChildEducationAllowance: '/v3/dss/allocation_enfant_handicape/identite',
} as const;

/** One loader per benefit route, keyed by the identity pivot query; named like SocialBenefits' fields. */
export type CnavLoaders = {
  activeSolidarityIncome: DataLoader<UpstreamQuery, BenefitWithIncrease, string>;
  activityBonus: DataLoader<UpstreamQuery, BenefitWithIncrease, string>;
  disabledAdultAllowance: DataLoader<UpstreamQuery, BenefitEntitlement, string>;
  familySupportAllowance: DataLoader<UpstreamQuery, BenefitEntitlement, string>;
  supplementaryHealthCoverage: DataLoader<UpstreamQuery, SupplementaryHealthCoverage, string>;
  disabledChildEducationAllowance: DataLoader<UpstreamQuery, DisabledChildEducationAllowance, string>;
};

export type CnavSource = {
  client: UpstreamClient;
  /** Per-request loaders: call once per GraphQL request, never share across requests. */
  createLoaders(scope: RequestScope): CnavLoaders;
};

/** CNAV benefits. Pass `client` to share one client (breaker, concurrency cap) with the CNAF source. */
export function createCnavSource(opts: { config: SourceConfig; fetchImpl?: typeof fetch; client?: UpstreamClient }): CnavSource {
  const client =
    opts.client ??
    createUpstreamClient({
      provider: 'CNAV',
      config: opts.config,
      errorFormat: 'v3',
      ...(opts.fetchImpl ? { fetchImpl: opts.fetchImpl } : {}),
    });
  return {
    client,
    createLoaders(scope) {
      const loader = <V>(route: string, map: (body: unknown) => V) => createUpstreamLoader<UpstreamQuery, V>({ client, route, scope, map });
      const r = CNAV_BENEFIT_ROUTES;
      return {
        activeSolidarityIncome: loader(r.activeSolidarityIncome, mapSocialBenefit.withIncrease),
        activityBonus: loader(r.activityBonus, mapSocialBenefit.withIncrease),
        disabledAdultAllowance: loader(r.disabledAdultAllowance, mapSocialBenefit.entitlement),
        familySupportAllowance: loader(r.familySupportAllowance, mapSocialBenefit.entitlement),
        supplementaryHealthCoverage: loader(r.supplementaryHealthCoverage, mapSocialBenefit.healthCoverage),
        disabledChildEducationAllowance: loader(r.disabledChildEducationAllowance, mapSocialBenefit.childEducation),
      };
    },
  };
}
