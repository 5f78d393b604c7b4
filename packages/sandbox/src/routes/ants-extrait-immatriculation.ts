import type { Citizen } from '../world/citizen.js';
import { normalizeName } from '../world/normalize-name.js';
import { notFound, v3Error, v3ErrorForStatus, v3Providers } from '../wire/v3-errors.js';
import { single } from './query-values.js';
import { v3Data, type FranceConnectIdentity, type Route } from './route.js';

/**
 * ANTS `GET /v3/ants/extrait_immatriculation_vehicule/france_connect?immatriculation=`: the bearer
 * is the citizen's FranceConnect access token (`bearer: 'franceconnect'`), not the sandbox token.
 * The file names its holders; the answer is the holder matching the FranceConnect identity (else
 * the titulaire), with `meta.identity_matching` comparing the two, as API Particulier does.
 */
export const antsExtraitImmatriculation: Route = {
  path: '/v3/ants/extrait_immatriculation_vehicule/france_connect',
  dialect: 'v3',
  bearer: 'franceconnect',
  errorForStatus: (status) => v3ErrorForStatus(v3Providers.ants, status),
  answer(params, { index, franceConnect }) {
    const immatriculation = single(params, 'immatriculation');
    if (immatriculation === undefined) {
      return v3Error(422, { code: '00380', title: 'Entité non traitable', detail: "Le paramètre immatriculation est obligatoire", source: { parameter: 'immatriculation' } });
    }
    const holders = index.vehicleHolders(immatriculation);
    const holder = holders.find((c) => franceConnect !== undefined && matching(c, franceConnect).overall_match) ?? holders[0];
    const vehicle = holder?.vehicles?.find((v) => v.immatriculation === immatriculation.trim().toUpperCase());
    if (!holder || !vehicle) return notFound(v3Providers.ants);
    const [year, month, day] = holder.dateNaissance.split('-').map(Number);
    const body = v3Data({
      identite_particulier: {
        nom: holder.nomUsage ?? holder.nomNaissance,
        prenom: holder.prenoms.join(' '),
        sexe_etat_civil: holder.sexe,
        annee_date_naissance: year ?? null,
        mois_date_naissance: month ?? null,
        jour_date_naissance: day ?? null,
        code_departement_naissance: holder.communeNaissance?.code.slice(0, 2) ?? '99',
      },
      adresse_particulier: {
        complement_information: null,
        num_voie: vehicle.adresse.numVoie,
        type_voie: vehicle.adresse.typeVoie,
        libelle_voie: vehicle.adresse.libelleVoie,
        code_postal_ville: vehicle.adresse.codePostal,
        libelle_commune: vehicle.adresse.commune,
        lieu_dit: null,
        etage_escalier_appartement: vehicle.adresse.etage ?? null,
        extension: null,
        pays: 'FRANCE',
      },
      statut_rattachement: vehicle.statut,
      donnees_immatriculation_vehicule: {
        numero_immatriculation: vehicle.immatriculation,
        date_premiere_immatriculation: vehicle.datePremiereImmatriculation,
        statut_location: { code: vehicle.location?.code ?? null, label: vehicle.location?.label ?? null },
      },
      caracteristiques_techniques_vehicule: {
        marque: vehicle.marque,
        type_variante_version: vehicle.typeVarianteVersion,
        denomination_commerciale: vehicle.denominationCommerciale,
        masse_charge_maximale: vehicle.masseChargeMaximale,
        categorie_vehicule: vehicle.categorie,
        genre_national: vehicle.genre,
        cylindree: vehicle.cylindree,
        type_carburant: vehicle.carburant,
        taux_co2: vehicle.tauxCo2,
        classe_environnementale: vehicle.classeEnvironnementale,
      },
    });
    const identityMatching = franceConnect ? matching(holder, franceConnect) : { family_name: 0, given_name: 0, birth_date: 0, overall_match: false };
    return { ...body, body: { ...(body.body as object), meta: { identity_matching: identityMatching } } };
  },
};

/** 1.0 or 0.0 per claim (the real service scores fuzzily; the sandbox's world is exact). */
function matching(citizen: Citizen, fc: FranceConnectIdentity) {
  const family = [citizen.nomNaissance, citizen.nomUsage].some((n) => n !== undefined && normalizeName(n) === normalizeName(fc.familyName));
  const given = normalizeName(citizen.prenoms[0] ?? '') === normalizeName(fc.givenName.split(/\s+/)[0] ?? '');
  const birth = citizen.dateNaissance === fc.birthdate;
  return { family_name: family ? 1 : 0, given_name: given ? 1 : 0, birth_date: birth ? 1 : 0, overall_match: family && given && birth };
}
