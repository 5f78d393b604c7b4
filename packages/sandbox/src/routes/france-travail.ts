import type { Citizen, JobSeekerRecord } from '../world/citizen.js';
import { missingIdentifier, notFound, v3ErrorForStatus, v3Providers } from '../wire/v3-errors.js';
import { single } from './query-values.js';
import { v3Data, type Route, type RouteContext } from './route.js';
import type { QueryParams, Answer } from '../wire/answer.js';

const CATEGORIES: Record<JobSeekerRecord['inscription']['categorie'], string> = {
  1: 'PERSONNE SANS EMPLOI DISPONIBLE DUREE INDETERMINEE PLEIN TPS',
  2: 'PERSONNE SANS EMPLOI DISPONIBLE DUREE INDETERMINEE PARTIEL',
  3: 'PERSONNE SANS EMPLOI DISPONIBLE DUREE DETERMINEE OU SAISON',
  4: 'PERSONNE SANS EMPLOI NON DISPONIBLE IMMEDIATEMENT',
  5: "PERSONNE POURVUE D'UN EMPLOI A LA RECHERCHE D'UN AUTRE",
};

function franceTravailRoute(
  path: string,
  render: (citizen: Citizen, record: JobSeekerRecord) => Answer,
): Route {
  return {
    path,
    dialect: 'v3',
    errorForStatus: (status) => v3ErrorForStatus(v3Providers.franceTravail, status),
    answer(params: QueryParams, { index }: RouteContext) {
      const identifiant = single(params, 'identifiant');
      if (identifiant === undefined) return missingIdentifier();
      const citizen = index.byFranceTravailId(identifiant);
      if (!citizen?.franceTravail) return notFound(v3Providers.franceTravail);
      return render(citizen, citizen.franceTravail);
    },
  };
}

/** France Travail `GET /v3/france_travail/statut/identifiant`: the registration. */
export const franceTravailStatut = franceTravailRoute('/v3/france_travail/statut/identifiant', (citizen, record) =>
  v3Data({
    identifiant: record.identifiant,
    identite: {
      civilite: citizen.sexe === 'F' ? 'MME' : 'M.',
      nom_naissance: citizen.nomNaissance,
      nom_usage: citizen.nomUsage ?? null,
      prenom: citizen.prenoms[0] ?? '',
      sexe: citizen.sexe === 'F' ? 'Féminin' : 'Masculin',
      date_naissance: citizen.dateNaissance,
    },
    contact: { email: record.email, telephone: record.telephone, telephone2: null },
    adresse: {
      code_cog_insee_commune: record.adresse.codeCommune,
      code_postal: record.adresse.codePostal,
      ligne_complement_adresse: null,
      ligne_complement_destinataire: null,
      ligne_complement_distribution: null,
      ligne_nom: `${citizen.nomUsage ?? citizen.nomNaissance} ${citizen.prenoms[0] ?? ''}`.trim(),
      ligne_voie: record.adresse.ligneVoie,
      localite: record.adresse.localite,
    },
    inscription: {
      date_debut: record.inscription.dateDebut,
      date_fin: record.inscription.dateFin,
      code_certification_cnav: 'VC',
      categorie: { code: record.inscription.categorie, libelle: CATEGORIES[record.inscription.categorie] },
    },
  }),
);

/**
 * France Travail `GET /v3/france_travail/indemnites/identifiant`: the payments. The OpenAPI
 * requires at least one payment, so a registrant never paid gets the not-found answer.
 */
export const franceTravailIndemnites = franceTravailRoute(
  '/v3/france_travail/indemnites/identifiant',
  (_citizen, record) => {
    if (record.paiements.length === 0) return notFound(v3Providers.franceTravail);
    return v3Data({
      identifiant: record.identifiant,
      paiements: record.paiements.map((p) => ({
        date_versement: p.date,
        montant_total: Math.round((p.allocations + p.aides + p.autres) * 100) / 100,
        montant_allocations: p.allocations,
        montant_aides: p.aides,
        montant_autres: p.autres,
      })),
    });
  },
);
