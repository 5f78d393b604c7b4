import type { Citizen, ScholarshipRecord } from '../world/citizen.js';
import { notFound, v3ErrorForStatus, v3Providers } from '../wire/v3-errors.js';
import { cnousIdentityRules, isAnswer, parseIdentity } from './identity-params.js';
import { parseIne } from './ine-param.js';
import { v3Data, type Route } from './route.js';

/** v3 says `est_boursier`; v4 says `statut_boursier` (holder, struck off, date struck off). */
function render(citizen: Citizen, record: ScholarshipRecord, version: 'v3' | 'v4') {
  const status = version === 'v3'
    ? { est_boursier: true }
    : { statut_boursier: { est_boursier: true, est_radie: false, date_radiation: null } };
  return v3Data({
    ...status,
    periode_versement_bourse: { date_rentree: record.dateRentree, duree: record.dureeMois },
    etablissement_etudes: { nom_commune: record.communeEtablissement, nom_etablissement: record.nomEtablissement },
    echelon_bourse: { echelon: record.echelon, echelon_bourse_regionale_provisoire: false },
    email: record.email,
    identite: {
      nom: citizen.nomNaissance,
      prenoms: citizen.prenoms,
      date_naissance: citizen.dateNaissance,
      nom_commune_naissance: citizen.communeNaissance?.nom ?? '',
      sexe: citizen.sexe,
    },
  });
}

const provider = v3Providers.cnous;
const errorForStatus = (status: number) => v3ErrorForStatus(provider, status);

/** CNOUS `GET /{v3,v4}/cnous/etudiant_boursier/identite`. */
function byIdentity(version: 'v3' | 'v4'): Route {
  return {
    path: `/${version}/cnous/etudiant_boursier/identite`,
    dialect: 'v3',
    errorForStatus,
    answer(params, { index }) {
      const identity = parseIdentity(params, cnousIdentityRules);
      if (isAnswer(identity)) return identity;
      const citizen = index.findByIdentity(identity, (c) => c.scholarship !== undefined);
      return citizen?.scholarship ? render(citizen, citizen.scholarship, version) : notFound(provider);
    },
  };
}

/** CNOUS `GET /{v3,v4}/cnous/etudiant_boursier/ine`. */
function byIne(version: 'v3' | 'v4'): Route {
  return {
    path: `/${version}/cnous/etudiant_boursier/ine`,
    dialect: 'v3',
    errorForStatus,
    answer(params, { index }) {
      const ine = parseIne(params);
      if (isAnswer(ine)) return ine;
      const citizen = index.byScholarshipIne(ine);
      return citizen?.scholarship ? render(citizen, citizen.scholarship, version) : notFound(provider);
    },
  };
}

/** The v3 routes, still answered; the hub calls v4 (docs/contract.md#upstreams). */
export const cnousByIdentity = byIdentity('v3');
export const cnousByIne = byIne('v3');
export const cnousV4ByIdentity = byIdentity('v4');
export const cnousV4ByIne = byIne('v4');
