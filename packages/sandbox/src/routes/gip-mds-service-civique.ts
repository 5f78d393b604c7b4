import type { CivicServiceContract } from '../world/citizen.js';
import { notFound, v3ErrorForStatus, v3Providers } from '../wire/v3-errors.js';
import { isAnswer, parseIdentity, type IdentityRules } from './identity-params.js';
import { v3Data, type Route } from './route.js';

/** The OpenAPI: names and full birth date only (no sex, no birth place). */
const gipMdsIdentityRules: IdentityRules = { fullBirthDate: true, sexRequired: false, birthPlaceRequired: false };

/** A contract block; no contract reads `contrat_trouve: false` with every other value null. */
function contract(value: CivicServiceContract | undefined) {
  return {
    contrat_trouve: value !== undefined,
    organisme_accueil: { siret: value?.siret ?? null, raison_sociale: value?.raisonSociale ?? null },
    date_debut_contrat: value?.dateDebut ?? null,
    date_fin_contrat: value?.dateFin ?? null,
  };
}

/** GIP-MDS `GET /v3/gip_mds/service_civique/identite`: the current and the past service civique contract. */
export const gipMdsServiceCivique: Route = {
  path: '/v3/gip_mds/service_civique/identite',
  dialect: 'v3',
  errorForStatus: (status) => v3ErrorForStatus(v3Providers.gipMds, status),
  answer(params, { index }) {
    const identity = parseIdentity(params, gipMdsIdentityRules);
    if (isAnswer(identity)) return identity;
    const citizen = index.findByIdentity(identity, (c) => c.civicService !== undefined);
    if (!citizen?.civicService) return notFound(v3Providers.gipMds);
    return v3Data({ statut_actuel: contract(citizen.civicService.actuel), statut_passe: contract(citizen.civicService.passe) });
  },
};
