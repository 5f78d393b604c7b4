import { parseWireDate, readDataBlock, wire } from '../http/index.js';
import type {
  BenefitEntitlement,
  BenefitWithIncrease,
  DisabledChildEducationAllowance,
  DisabledChildEducationAllowanceStatus,
  SupplementaryHealthCoverage,
} from './social-benefits.js';

const AEEH_STATUS: Record<string, DisabledChildEducationAllowanceStatus> = {
  allocataire: 'RECIPIENT',
  ouvrant_droit: 'ENTITLING_CHILD',
  non_beneficiaire: 'NOT_BENEFICIARY',
};

/** One mapper per benefit body shape, keyed by the shape (the routes sharing one share it). */
export const mapSocialBenefit = {
  /** revenu_solidarite_active, prime_activite. */
  withIncrease(body: unknown): BenefitWithIncrease {
    const data = readDataBlock(body);
    return {
      isBeneficiary: wire.boolean(data.est_beneficiaire),
      rightsStartDate: parseWireDate(data.date_debut_droit, 'YYYY-MM-DD'),
      withIncrease: wire.boolean(data.avec_majoration),
    };
  },
  /** allocation_adulte_handicape, allocation_soutien_familial. */
  entitlement(body: unknown): BenefitEntitlement {
    const data = readDataBlock(body);
    return {
      isBeneficiary: wire.boolean(data.est_beneficiaire),
      rightsStartDate: parseWireDate(data.date_debut_droit, 'YYYY-MM-DD'),
    };
  },
  /** complementaire_sante_solidaire. */
  healthCoverage(body: unknown): SupplementaryHealthCoverage {
    const data = readDataBlock(body);
    return {
      isBeneficiary: wire.boolean(data.est_beneficiaire),
      withContribution: wire.boolean(data.avec_participation),
      rightsStartDate: parseWireDate(data.date_debut_droit, 'YYYY-MM-DD'),
    };
  },
  /** allocation_enfant_handicape: `status` instead of `est_beneficiaire`. */
  childEducation(body: unknown): DisabledChildEducationAllowance {
    const data = readDataBlock(body);
    const status = typeof data.status === 'string' ? AEEH_STATUS[data.status] : undefined;
    return { status: status ?? null, rightsStartDate: parseWireDate(data.date_debut_droit, 'YYYY-MM-DD') };
  },
} as const;
