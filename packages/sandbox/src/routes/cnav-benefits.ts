import type { BenefitsRecord } from '../world/citizen.js';
import { notFound, v3ErrorForStatus, v3Providers } from '../wire/v3-errors.js';
import { cnavIdentityRules, isAnswer, parseIdentity } from './identity-params.js';
import { v3Data, type Route } from './route.js';

/**
 * The six CNAV benefit routes `GET /v3/dss/<prestation>/identite`. A person the CNAV knows
 * without the benefit gets a 200 "non bénéficiaire"; a person it does not know, a 404 (37003).
 */
function benefitRoute(prestation: string, render: (benefits: BenefitsRecord) => unknown): Route {
  return {
    path: `/v3/dss/${prestation}/identite`,
    dialect: 'v3',
    errorForStatus: (status) => v3ErrorForStatus(v3Providers.cnav, status),
    answer(params, { index }) {
      const identity = parseIdentity(params, cnavIdentityRules);
      if (isAnswer(identity)) return identity;
      const citizen = index.findByIdentity(identity, (c) => index.knownToCnav(c));
      if (!citizen) return notFound(v3Providers.cnav);
      return v3Data(render(citizen.benefits ?? {}));
    },
  };
}

export const cnavBenefitRoutes: Route[] = [
  benefitRoute('revenu_solidarite_active', ({ rsa }) => ({
    est_beneficiaire: rsa !== undefined,
    avec_majoration: rsa?.majoration ?? null,
    date_debut_droit: rsa?.since ?? null,
  })),
  benefitRoute('prime_activite', ({ primeActivite }) => ({
    est_beneficiaire: primeActivite !== undefined,
    avec_majoration: primeActivite?.majoration ?? null,
    date_debut_droit: primeActivite?.since ?? null,
  })),
  benefitRoute('allocation_adulte_handicape', ({ aah }) => ({
    est_beneficiaire: aah !== undefined,
    date_debut_droit: aah?.since ?? null,
  })),
  benefitRoute('allocation_soutien_familial', ({ asf }) => ({
    est_beneficiaire: asf !== undefined,
    date_debut_droit: asf?.since ?? null,
  })),
  benefitRoute('complementaire_sante_solidaire', ({ c2s }) => ({
    est_beneficiaire: c2s !== undefined,
    avec_participation: c2s?.participation ?? null,
    date_debut_droit: c2s?.since ?? null,
  })),
  benefitRoute('allocation_enfant_handicape', ({ aeeh }) => ({
    status: aeeh?.status ?? 'non_beneficiaire',
    date_debut_droit: aeeh?.since ?? null,
  })),
];
