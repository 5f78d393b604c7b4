import type { AthletePeriod, Citizen, VehicleRecord } from './citizen.js';

/*
 * What DSNJ, GIP-MDS, the Sport Data Hub and the ANTS hold about the world's citizens, keyed by
 * citizen id (world.ts attaches them). Addresses on the registration files are the households'
 * own (world.ts families and tax notices), so a persona reads the same everywhere. SIRETs are
 * Luhn-valid; codes follow each provider's nomenclature (OpenAPI enums).
 */

type ServiceRecords = Pick<Citizen, 'nationalService' | 'civicService' | 'athlete' | 'vehicles'>;

const SCENIC: Omit<VehicleRecord, 'statut' | 'adresse'> = {
  immatriculation: 'GE-412-LA',
  datePremiereImmatriculation: '2019-05-17',
  location: null,
  marque: 'RENAULT',
  typeVarianteVersion: 'JFA1A6M5AA000',
  denominationCommerciale: 'SCENIC',
  masseChargeMaximale: 2036,
  categorie: { code: 'M1', label: 'Véhicule de transport de personnes comportant au maximum 8 places assises outre le siège du conducteur' },
  genre: { code: 'VP', label: 'Véhicule Particulier' },
  cylindree: 1332,
  carburant: { code: 'ES', label: 'Essence' },
  tauxCo2: 132,
  classeEnvironnementale: { code: 'Euro 6', label: "Norme européenne d'émission Euro 6" },
};

const LYON_LILAS = { numVoie: '12', typeVoie: 'RUE', libelleVoie: 'DES LILAS', codePostal: '69003', commune: 'LYON' };

const SKI: AthletePeriod['federation'] = { code: '54', nom: 'Fédération française de ski', nomCourt: 'SKI' };
const AURA = { code: '84', nom: 'Auvergne-Rhône-Alpes' };
const GRAND_EST = { code: '44', nom: 'Grand Est' };

export const serviceRecords: Readonly<Record<string, ServiceRecords>> = {
  'julien-lambert': {
    nationalService: { statut: 'en_regle', commentaires: 'Journée Défense et Citoyenneté effectuée le 02/10/2000' },
    vehicles: [{ ...SCENIC, statut: 'titulaire', adresse: LYON_LILAS }],
  },
  'sophie-lambert': {
    vehicles: [{ ...SCENIC, statut: 'cotitulaire', adresse: LYON_LILAS }],
  },
  'manon-blanchard': {
    nationalService: { statut: 'en_regle', commentaires: 'Journée Défense et Citoyenneté effectuée le 14/10/2008' },
    vehicles: [{
      immatriculation: 'FX-908-TB',
      datePremiereImmatriculation: '2024-03-08',
      statut: 'locataire',
      location: { code: 'LLD', label: 'Location Longue Durée' },
      adresse: { numVoie: '14', typeVoie: 'RUE', libelleVoie: 'DU TAUR', codePostal: '31000', commune: 'TOULOUSE' },
      marque: 'PEUGEOT',
      typeVarianteVersion: 'UBZKXZ000000',
      denominationCommerciale: 'E-208',
      masseChargeMaximale: 1910,
      categorie: { code: 'M1', label: 'Véhicule de transport de personnes comportant au maximum 8 places assises outre le siège du conducteur' },
      genre: { code: 'VP', label: 'Véhicule Particulier' },
      cylindree: 0,
      carburant: { code: 'EL', label: 'Electricité' },
      tauxCo2: 0,
      classeEnvironnementale: { code: 'Euro 6', label: "Norme européenne d'émission Euro 6" },
    }],
  },
  'lea-mercier': {
    nationalService: { statut: 'en_regle', commentaires: 'Journée Défense et Citoyenneté effectuée le 12/03/2021' },
    civicService: {
      passe: { siret: '42229566900026', raisonSociale: 'UNIS CITE', dateDebut: '2022-10-03', dateFin: '2023-06-30' },
    },
  },
  'karim-haddad': {
    nationalService: { statut: 'en_regle', commentaires: 'Journée Défense et Citoyenneté effectuée le 05/04/2018' },
    // A former athlete: his last listing ended, so he is no longer on the list.
    athlete: {
      identifiant: '670214',
      actuel: {
        dateDebut: '2020-01-01', dateFin: '2023-12-31',
        federation: { code: '29', nom: 'Fédération française de handball', nomCourt: 'HANDBALL' },
        etablissement: { code: '4401', nom: 'CREPS de Strasbourg' },
        region: GRAND_EST,
        categorie: { code: '3', nom: 'Relève', valeur: '16' },
      },
      precedents: [],
    },
    vehicles: [{
      immatriculation: 'FR-327-HK',
      datePremiereImmatriculation: '2021-06-30',
      statut: 'titulaire',
      location: null,
      adresse: { numVoie: '3', typeVoie: 'QUAI', libelleVoie: 'DES BATELIERS', codePostal: '67000', commune: 'STRASBOURG', etage: 'APPARTEMENT 21' },
      marque: 'YAMAHA',
      typeVarianteVersion: 'RH151A0000',
      denominationCommerciale: 'MT-07',
      masseChargeMaximale: 369,
      categorie: { code: 'L3e', label: 'Motocyclette' },
      genre: { code: 'MTT2', label: 'Motocyclette de puissance supérieure à 35 kW' },
      cylindree: 689,
      carburant: { code: 'ES', label: 'Essence' },
      tauxCo2: 113,
      classeEnvironnementale: { code: 'Euro 5', label: "Norme européenne d'émission Euro 5" },
    }],
  },
  'ines-guerin': {
    nationalService: { statut: 'indetermine', commentaires: 'Situation en cours de traitement' },
    athlete: {
      identifiant: '381204',
      actuel: {
        dateDebut: '2025-01-01', dateFin: '2027-12-31',
        federation: SKI,
        etablissement: { code: '3801', nom: 'Pôle France ski de Grenoble' },
        region: AURA,
        categorie: { code: '2', nom: 'elite', valeur: '4' },
      },
      precedents: [{
        fiche: 551204,
        dateDebut: '2022-01-01', dateFin: '2024-12-31',
        federation: SKI,
        etablissement: { code: '3801', nom: 'Pôle France ski de Grenoble' },
        region: AURA,
        categorie: { code: '4', nom: 'Espoir', valeur: '64' },
      }],
    },
  },
  'antoine-leclerc': {
    nationalService: { statut: 'pas_en_regle', commentaires: 'Journée Défense et Citoyenneté non effectuée' },
    civicService: {
      actuel: { siret: '13002526500013', raisonSociale: 'DIRECTION INTERMINISTERIELLE DU NUMERIQUE', dateDebut: '2025-10-01', dateFin: '2026-06-30' },
    },
  },
  'camille-renaud': {
    nationalService: { statut: 'en_regle', commentaires: 'Journée Défense et Citoyenneté effectuée le 18/11/2013' },
    civicService: {
      actuel: { siret: '77567227221138', raisonSociale: 'CROIX ROUGE FRANCAISE', dateDebut: '2025-09-15', dateFin: '2026-05-14' },
      passe: { siret: '78430553800034', raisonSociale: 'ASSOCIATION LES RESTAURANTS DU COEUR', dateDebut: '2016-01-04', dateFin: '2016-08-31' },
    },
  },
};
