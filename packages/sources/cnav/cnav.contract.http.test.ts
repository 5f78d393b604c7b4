// The shared source contract (contract/run-source-contract.ts) for the CNAV benefits, on every
// staging case of its six routes: 404 (nobody matched) and 422 (matched, no file) told apart by reason.
import { payload, runSourceContract, subjectFromParams, type RouteContract } from '../contract/run-source-contract.js';
import { cnavRecipe } from './cnav-recipe.js';

const { bool, date } = payload;
const AEEH: Record<string, string> = { allocataire: 'RECIPIENT', ouvrant_droit: 'ENTITLING_CHILD', non_beneficiaire: 'NOT_BENEFICIARY' };

function benefit(field: string, prestation: string, selection: string, expected: (d: Record<string, unknown>) => unknown): RouteContract {
  return {
    folders: [`api_particulier_v3_cnav_${prestation}_with_civility`],
    subject: (params) => subjectFromParams(params),
    query: () => `socialBenefits { ${field} { ${selection} } }`,
    pick: (data) => ((data.person as Record<string, unknown> | null)?.socialBenefits as Record<string, unknown> | null)?.[field],
    expected,
  };
}

const withIncrease = (d: Record<string, unknown>) => ({ isBeneficiary: bool(d.est_beneficiaire), rightsStartDate: date(d.date_debut_droit), withIncrease: bool(d.avec_majoration) });
const entitlement = (d: Record<string, unknown>) => ({ isBeneficiary: bool(d.est_beneficiaire), rightsStartDate: date(d.date_debut_droit) });

runSourceContract({
  recipe: cnavRecipe,
  routes: {
    activeSolidarityIncome: benefit('activeSolidarityIncome', 'revenu_solidarite_active', 'isBeneficiary rightsStartDate withIncrease', withIncrease),
    activityBonus: benefit('activityBonus', 'prime_activite', 'isBeneficiary rightsStartDate withIncrease', withIncrease),
    disabledAdultAllowance: benefit('disabledAdultAllowance', 'allocation_adulte_handicape', 'isBeneficiary rightsStartDate', entitlement),
    familySupportAllowance: benefit('familySupportAllowance', 'allocation_soutien_familial', 'isBeneficiary rightsStartDate', entitlement),
    supplementaryHealthCoverage: benefit('supplementaryHealthCoverage', 'complementaire_sante_solidaire', 'isBeneficiary withContribution rightsStartDate',
      (d) => ({ isBeneficiary: bool(d.est_beneficiaire), withContribution: bool(d.avec_participation), rightsStartDate: date(d.date_debut_droit) })),
    disabledChildEducationAllowance: benefit('disabledChildEducationAllowance', 'allocation_enfant_handicape', 'status rightsStartDate',
      (d) => ({ status: typeof d.status === 'string' ? AEEH[d.status] ?? null : null, rightsStartDate: date(d.date_debut_droit) })),
  },
});
