import type { AthletePeriod } from '../world/citizen.js';
import { missingIdentifier, notFound, v3ErrorForStatus, v3Providers } from '../wire/v3-errors.js';
import { single } from './query-values.js';
import { v3Data, type Route } from './route.js';

function period(value: AthletePeriod, highLevel: boolean) {
  return {
    periode: { date_debut_statut: value.dateDebut, date_fin_statut: value.dateFin },
    federation: { code_federation: value.federation.code, nom_federation: value.federation.nom, nom_court_federation: value.federation.nomCourt },
    etablissement: { code_etablissement: value.etablissement.code, nom_etablissement: value.etablissement.nom },
    region: { code_region: value.region.code, nom_region: value.region.nom },
    categorie: { code_categorie: value.categorie.code, nom_categorie: value.categorie.nom, valeur: value.categorie.valeur },
    sportif_de_haut_niveau: highLevel,
  };
}

/**
 * Sport Data Hub `GET /v3/sdh/statut_sportif/identifiant`: a high-level athlete's status, found by
 * the identifiant of the ministry's file. An athlete is on the list while the current period runs.
 */
export const sdhStatutSportif: Route = {
  path: '/v3/sdh/statut_sportif/identifiant',
  dialect: 'v3',
  errorForStatus: (status) => v3ErrorForStatus(v3Providers.sdh, status),
  answer(params, { index, now }) {
    const identifiant = single(params, 'identifiant');
    if (identifiant === undefined) return missingIdentifier();
    const citizen = index.byAthleteId(identifiant);
    const athlete = citizen?.athlete;
    if (!citizen || !athlete?.actuel) return notFound(v3Providers.sdh);
    const today = now.toISOString().slice(0, 10);
    const current = athlete.actuel.dateDebut <= today && today <= athlete.actuel.dateFin;
    return v3Data({
      identite: {
        nom_naissance: citizen.nomNaissance,
        nom_usage: citizen.nomUsage ?? citizen.nomNaissance,
        prenoms: citizen.prenoms.join(' '),
        date_naissance: citizen.dateNaissance,
        sexe: citizen.sexe,
      },
      est_sportif_de_haut_niveau: current,
      a_ete_sportif_de_haut_niveau: true,
      informations_statut: period(athlete.actuel, current),
      informations_statuts_precedents: athlete.precedents.map((p) => ({ fiche: p.fiche, ...period(p, true) })),
    });
  },
};
