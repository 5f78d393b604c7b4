/** GraphQL-shaped objects of schema/cnav.graphql. */

/** RSA and prime d'activité: est_beneficiaire, date_debut_droit, avec_majoration. */
export type BenefitWithIncrease = {
  isBeneficiary: boolean | null;
  rightsStartDate: string | null;
  withIncrease: boolean | null;
};

/** AAH and ASF: est_beneficiaire, date_debut_droit. */
export type BenefitEntitlement = {
  isBeneficiary: boolean | null;
  rightsStartDate: string | null;
};

/** C2S: est_beneficiaire, avec_participation, date_debut_droit. */
export type SupplementaryHealthCoverage = {
  isBeneficiary: boolean | null;
  withContribution: boolean | null;
  rightsStartDate: string | null;
};

export type DisabledChildEducationAllowanceStatus = 'RECIPIENT' | 'ENTITLING_CHILD' | 'NOT_BENEFICIARY';

/** AEEH: status, date_debut_droit. */
export type DisabledChildEducationAllowance = {
  status: DisabledChildEducationAllowanceStatus | null;
  rightsStartDate: string | null;
};
