import type { Citizen, StudentRecord } from '../world/citizen.js';
import { notFound, v3ErrorForStatus, v3Providers } from '../wire/v3-errors.js';
import { isAnswer, mesriIdentityRules, parseIdentity } from './identity-params.js';
import { parseIne } from './ine-param.js';
import { v3Data, type Route } from './route.js';

const REGIMES: Record<StudentRecord['admissions'][number]['regime'], string> = {
  RF1: 'formation initiale',
  RF2: 'formation initiale hors apprentissage',
  RF5: 'formation continue',
};

function render(citizen: Citizen, record: StudentRecord) {
  return v3Data({
    identite: {
      nom_naissance: citizen.nomNaissance,
      prenom: citizen.prenoms[0] ?? '',
      date_naissance: citizen.dateNaissance,
    },
    admissions: record.admissions.map((a) => ({
      date_debut: a.dateDebut,
      date_fin: a.dateFin,
      est_inscrit: a.estInscrit,
      regime_formation: { libelle: REGIMES[a.regime], code: a.regime },
      code_cog_insee_commune: a.codeCommune,
      etablissement_etudes: { uai: a.uai, nom: a.nomEtablissement },
    })),
  });
}

const provider = v3Providers.mesri;
const errorForStatus = (status: number) => v3ErrorForStatus(provider, status);

/** MESRI `GET /v3/mesri/statut_etudiant/identite`. */
export const mesriByIdentity: Route = {
  path: '/v3/mesri/statut_etudiant/identite',
  dialect: 'v3',
  errorForStatus,
  answer(params, { index }) {
    const identity = parseIdentity(params, mesriIdentityRules);
    if (isAnswer(identity)) return identity;
    const citizen = index.findByIdentity(identity, (c) => c.student !== undefined);
    return citizen?.student ? render(citizen, citizen.student) : notFound(provider);
  },
};

/** MESRI `GET /v3/mesri/statut_etudiant/ine`. */
export const mesriByIne: Route = {
  path: '/v3/mesri/statut_etudiant/ine',
  dialect: 'v3',
  errorForStatus,
  answer(params, { index }) {
    const ine = parseIne(params);
    if (isAnswer(ine)) return ine;
    const citizen = index.byStudentIne(ine);
    return citizen?.student ? render(citizen, citizen.student) : notFound(provider);
  },
};
