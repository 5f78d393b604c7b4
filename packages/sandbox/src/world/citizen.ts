/**
 * The sandbox's synthetic world: people and the records each administration holds about them.
 * Every upstream route renders its answer from this one world, so the sources agree by
 * construction (the DGFIP declarants are the CAF allocataires, the CAF children are the MEN
 * pupils...) and the coherence test checks the rendered answers, not this file.
 */
export type Citizen = {
  id: string;
  nomNaissance: string;
  nomUsage?: string;
  prenoms: string[];
  sexe: 'F' | 'M';
  /** ISO date. */
  dateNaissance: string;
  /** INSEE COG country code, 99100 for France. */
  paysNaissance: string;
  /** Birth commune, for people born in France. */
  communeNaissance?: { code: string; nom: string };
  /** Present when the citizen is offered in the IdP persona picker. */
  persona?: { label: string; description: string };
  /** Numéro fiscal (SPI), 13 digits; the notice is found with it and the référence d'avis. */
  numeroFiscal?: string;
  franceTravail?: JobSeekerRecord;
  student?: StudentRecord;
  scholarship?: ScholarshipRecord;
  schooling?: SchoolingRecord[];
  /** Present when the CNAV (RNCPS) knows the person, even without any benefit. */
  benefits?: BenefitsRecord;
  /** DSNJ: recensement / JDC. Absent: born before 1979 reads "non concerné", anyone else is unknown (404). */
  nationalService?: NationalServiceRecord;
  /** GIP-MDS: the service civique contracts (absent: unknown to the Agence du service civique). */
  civicService?: CivicServiceRecord;
  /** Sport Data Hub: a high-level athlete's file, found by its identifiant. */
  athlete?: AthleteRecord;
  /** ANTS: the vehicles whose registration file names this citizen. */
  vehicles?: VehicleRecord[];
};

export type NationalServiceRecord = {
  statut: 'en_regle' | 'pas_en_regle' | 'indetermine' | 'non_concerne';
  commentaires: string | null;
};

export type CivicServiceContract = { siret: string; raisonSociale: string; dateDebut: string; dateFin: string };

export type CivicServiceRecord = { actuel?: CivicServiceContract; passe?: CivicServiceContract };

export type AthletePeriod = {
  dateDebut: string;
  dateFin: string;
  federation: { code: string; nom: string; nomCourt: string };
  etablissement: { code: string; nom: string };
  region: { code: string; nom: string };
  categorie: { code: string; nom: string; valeur: string };
};

export type AthleteRecord = {
  identifiant: string;
  /** The current status; absent when the athlete's listing has ended. */
  actuel?: AthletePeriod;
  precedents: Array<AthletePeriod & { fiche: number }>;
};

export type VehicleRecord = {
  immatriculation: string;
  datePremiereImmatriculation: string;
  statut: 'titulaire' | 'cotitulaire' | 'locataire';
  location: { code: 'LLD' | 'LCB' | 'LCL'; label: string } | null;
  /** The holder's address as the registration file gives it. */
  adresse: { numVoie: string; typeVoie: string; libelleVoie: string; codePostal: string; commune: string; etage?: string };
  marque: string;
  typeVarianteVersion: string;
  denominationCommerciale: string;
  masseChargeMaximale: number;
  categorie: { code: string; label: string };
  genre: { code: string; label: string };
  cylindree: number;
  carburant: { code: string; label: string };
  tauxCo2: number;
  classeEnvironnementale: { code: string; label: string };
};

export type JobSeekerRecord = {
  identifiant: string;
  email: string | null;
  telephone: string;
  adresse: { ligneVoie: string; codePostal: string; codeCommune: string; localite: string };
  inscription: {
    dateDebut: string;
    dateFin: string | null;
    categorie: 1 | 2 | 3 | 4 | 5;
  };
  /** Indemnités versées; France Travail answers 404 on indemnites when there is none. */
  paiements: Array<{ date: string; allocations: number; aides: number; autres: number }>;
};

export type StudentRecord = {
  ine: string;
  admissions: Array<{
    dateDebut: string;
    /** Kept as a string: upstream data carries impossible dates such as 2021-06-31. */
    dateFin: string;
    estInscrit: boolean;
    regime: 'RF1' | 'RF2' | 'RF5';
    codeCommune: string;
    uai: string;
    nomEtablissement: string;
  }>;
};

export type ScholarshipRecord = {
  ine: string;
  echelon: '0bis' | '1' | '2' | '3' | '4' | '5' | '6' | '7';
  dateRentree: string;
  dureeMois: number;
  nomEtablissement: string;
  communeEtablissement: string;
  email: string;
};

export type SchoolingRecord = {
  /** Start year of the school year ("2025" = 2025-2026), as MEN's `anneeScolaire`. */
  anneeScolaire: string;
  uai: string;
  nomEtablissement: string;
  /** 1D (premier degré) or 2D (second degré), as MEN's `degreEtablissement`. */
  degre: '1D' | '2D';
  /** BCN codes of the school's département and région académique, for perimeter searches. */
  departementBcn: string;
  regionBcn: string;
  codeMefStat: string;
  libelleMef: string;
  echelonBourse: 1 | 2 | 3 | 4 | 5 | 6 | null;
};

export type Right = { since: string };

export type BenefitsRecord = {
  rsa?: Right & { majoration: boolean };
  primeActivite?: Right & { majoration: boolean };
  aah?: Right;
  asf?: Right;
  c2s?: Right & { participation: boolean };
  /** AEEH: the parent is "allocataire", the child "ouvrant_droit". */
  aeeh?: Right & { status: 'allocataire' | 'ouvrant_droit' };
};

/** A foyer fiscal and its latest avis d'impôt sur le revenu (DGFIP). */
export type TaxHousehold = {
  referenceAvis: string;
  declarants: [string] | [string, string];
  /** Personnes à charge (citizen ids). */
  dependents: string[];
  adresse: string;
  situationFamille: string;
  nombreParts: number;
  revenuBrutGlobal: number;
  revenuImposable: number;
  revenuFiscalReference: number;
  impotRevenuNetAvantCorrections: number | null;
  montantImpot: number | null;
  anneeImpots: number;
  dateRecouvrement: string;
  dateEtablissement: string;
  erreurCorrectif?: string;
  situationPartielle?: string;
};

/** A family known to the CNAF or the MSA (quotient familial, allocataires, enfants). */
export type Family = {
  id: string;
  provider: 'CNAF' | 'MSA';
  allocataires: string[];
  enfants: string[];
  quotientFamilial: number;
  adresse: {
    numeroLibelleVoie: string;
    codePostalVille: string;
    complement?: string;
  };
};

export type World = {
  citizens: Citizen[];
  taxHouseholds: TaxHousehold[];
  families: Family[];
};
