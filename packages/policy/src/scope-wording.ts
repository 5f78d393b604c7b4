import { findScope, type ScopeDefinition } from './scope-catalogue.js';

/**
 * How the citizen reads a scope, in one table shared by the consent page, the consents list of
 * the citizen space and the access log: the administration (`administration`, a heading), the
 * source as a complement (`from`: "auprès de la CAF ou de la MSA"), and per scope a sentence
 * starting with "Votre…" that says what is passed on, not which field carries it.
 */
export type SourceWording = { administration: string; from: string };

export const SOURCE_WORDING: Readonly<Record<ScopeDefinition['source'], SourceWording>> = {
  HUB: { administration: 'Particulier Hub', from: 'telle que votre fournisseur d’identité (FranceConnect) la transmet' },
  DGFIP: { administration: 'Direction générale des Finances publiques (impôts)', from: 'auprès des impôts (DGFiP)' },
  CNAF_MSA: { administration: 'Caisse d’allocations familiales ou Mutualité sociale agricole', from: 'auprès de la CAF ou de la MSA' },
  CNAV: { administration: 'Caisse nationale d’assurance vieillesse (prestations sociales)', from: 'auprès de la Caisse nationale d’assurance vieillesse' },
  FRANCE_TRAVAIL: { administration: 'France Travail', from: 'auprès de France Travail' },
  MESRI: { administration: 'Ministère de l’Enseignement supérieur', from: 'auprès du ministère de l’Enseignement supérieur' },
  CNOUS: { administration: 'Crous (bourses étudiantes)', from: 'auprès du Crous' },
  MEN: { administration: 'Ministère de l’Éducation nationale', from: 'auprès du ministère de l’Éducation nationale' },
  DSNJ: { administration: 'Direction du service national et de la jeunesse', from: 'auprès de la Direction du service national et de la jeunesse (ministère des Armées)' },
  GIP_MDS: { administration: 'Agence du service civique', from: 'auprès de l’Agence du service civique' },
  SDH: { administration: 'Ministère des Sports (sportifs de haut niveau)', from: 'auprès du ministère des Sports' },
  CNAF_EAJE: { administration: 'Caisse d’allocations familiales (tarif de crèche)', from: 'auprès de la CAF' },
  ANTS: { administration: 'Agence nationale des titres sécurisés (carte grise)', from: 'auprès de l’Agence nationale des titres sécurisés (ANTS)' },
};

const declarant = (n: 1 | 2): Record<string, string> => {
  const who = n === 1 ? 'du premier déclarant' : 'du second déclarant';
  return {
    [`dgfip_declarant${n}_nom`]: `Le nom d’usage ${who} de votre avis d’impôt`,
    [`dgfip_declarant${n}_nom_naissance`]: `Le nom de naissance ${who} de votre avis d’impôt`,
    [`dgfip_declarant${n}_prenoms`]: `Les prénoms ${who} de votre avis d’impôt`,
    [`dgfip_declarant${n}_date_naissance`]: `La date de naissance ${who} de votre avis d’impôt`,
  };
};

/** The beginning of each sentence; `describeScope` appends the source. */
const SENTENCES: Readonly<Record<string, string>> = {
  identite_pivot: 'Votre identité (nom, prénoms, sexe, date et lieu de naissance)',
  ...declarant(1),
  ...declarant(2),
  dgfip_date_recouvrement: 'La date de mise en recouvrement de votre avis d’impôt',
  dgfip_date_etablissement: 'La date d’établissement de votre avis d’impôt',
  dgfip_adresse_fiscale_taxation: 'L’adresse fiscale de votre foyer',
  dgfip_adresse_fiscale_annee: 'L’année de cette adresse fiscale',
  dgfip_nombre_parts: 'Le nombre de parts fiscales de votre foyer',
  dgfip_nombre_personnes_a_charge: 'Le nombre de personnes à votre charge',
  dgfip_situation_familiale: 'Votre situation de famille déclarée aux impôts',
  dgfip_revenu_brut_global: 'Votre revenu brut global',
  dgfip_revenu_imposable: 'Votre revenu imposable',
  dgfip_impot_revenu_net_avant_corrections: 'Votre impôt sur le revenu net avant corrections',
  dgfip_montant_impot: 'Le montant de votre impôt',
  dgfip_revenu_fiscal_reference: 'Votre revenu fiscal de référence',
  dgfip_annee_impot: 'L’année d’imposition de votre avis',
  dgfip_annee_revenus: 'L’année des revenus déclarés',
  dgfip_erreur_correctif: 'L’existence d’un avis d’impôt correctif',
  dgfip_situation_partielle: 'Le fait que votre avis ne couvre qu’une partie de l’année',
  cnaf_quotient_familial: 'Votre quotient familial',
  cnaf_allocataires: 'L’identité des allocataires de votre foyer',
  cnaf_enfants: 'L’identité des enfants de votre foyer',
  cnaf_adresse: 'L’adresse de votre foyer allocataire',
  revenu_solidarite_active: 'Votre droit au revenu de solidarité active (RSA)',
  revenu_solidarite_active_majoration: 'La majoration éventuelle de votre RSA',
  prime_activite: 'Votre droit à la prime d’activité',
  prime_activite_majoration: 'La majoration éventuelle de votre prime d’activité',
  allocation_adulte_handicape: 'Votre droit à l’allocation aux adultes handicapés (AAH)',
  allocation_soutien_familial: 'Votre droit à l’allocation de soutien familial (ASF)',
  complementaire_sante_solidaire: 'Votre droit à la complémentaire santé solidaire (C2S)',
  cnav_allocation_enfant_handicape: 'Votre droit à l’allocation d’éducation de l’enfant handicapé (AEEH)',
  pole_emploi_identifiant: 'Votre identifiant France Travail',
  pole_emploi_identite: 'Votre identité telle que la connaît France Travail',
  pole_emploi_contact: 'Vos coordonnées de contact (téléphone, courriel)',
  pole_emploi_adresse: 'Votre adresse',
  pole_emploi_inscription: 'Votre inscription comme demandeur d’emploi (dates, catégorie)',
  pole_emploi_paiements: 'Les indemnités qui vous ont été versées',
  mesri_identifiant: 'Votre identifiant national étudiant (INE)',
  mesri_identite: 'Votre identité telle que la connaît l’enseignement supérieur',
  mesri_admissions: 'Vos inscriptions dans l’enseignement supérieur',
  mesri_admission_inscrit: 'Si vous êtes inscrit ou seulement admis',
  mesri_admission_regime_formation: 'Votre régime de formation (initiale, continue…)',
  mesri_admission_commune_etudes: 'La commune de votre lieu d’études',
  mesri_admission_etablissement_etudes: 'Votre établissement d’enseignement supérieur',
  cnous_statut_boursier: 'Si vous êtes boursier',
  cnous_echelon_bourse: 'L’échelon de votre bourse',
  cnous_email: 'Votre adresse électronique',
  cnous_periode_versement: 'La période de versement de votre bourse',
  cnous_statut_bourse: 'Le statut de votre bourse (définitive ou conditionnelle)',
  cnous_ville_etudes: 'Votre ville et votre établissement d’études',
  cnous_identite: 'Votre identité telle que la connaît le Crous',
  men_statut_identite: 'L’identité de l’élève',
  men_statut_scolarite: 'La scolarité de l’élève (statut, année scolaire)',
  men_statut_boursier: 'Si l’élève est boursier',
  men_echelon_bourse: 'L’échelon de bourse de l’élève',
  men_statut_etablissement: 'L’établissement de l’élève',
  men_statut_module_elementaire_formation: 'Le module élémentaire de formation de l’élève',
  dsnj_statut_service_national: 'Votre situation au regard du service national (recensement, journée défense et citoyenneté)',
  gip_mds_service_civique_statut_actuel: 'Si vous effectuez un service civique en ce moment',
  gip_mds_service_civique_statut_passe: 'Si vous avez effectué un service civique par le passé',
  gip_mds_service_civique_organisme_accueil: 'L’organisme qui vous accueille ou vous a accueilli en service civique',
  gip_mds_service_civique_dates: 'Les dates de début et de fin de votre service civique',
  sdh_statut_sportif_identite: 'Votre identité telle que la connaît le ministère des Sports',
  sdh_statut_sportif_est_sportif_de_haut_niveau: 'Si vous êtes sportif de haut niveau aujourd’hui',
  sdh_statut_sportif_a_ete_sportif_de_haut_niveau: 'Si vous avez été sportif de haut niveau',
  sdh_statut_sportif_informations_statut: 'Le détail de votre statut actuel de sportif de haut niveau (période, fédération, établissement, région, catégorie)',
  sdh_statut_sportif_informations_statuts_precedents: 'Le détail de vos statuts précédents de sportif de haut niveau',
  eaje_allocataires: 'L’identité des allocataires de votre foyer, pour le tarif de la crèche',
  eaje_enfants: 'L’identité des enfants de votre foyer, pour le tarif de la crèche',
  eaje_adresse: 'L’adresse de votre foyer allocataire, pour le tarif de la crèche',
  eaje_parametres_calcul_participation_familiale: 'Les éléments de calcul du tarif de la crèche (enfants à charge, enfants bénéficiaires de l’AEEH, ressources annuelles)',
  ants_extrait_immatriculation_vehicule_identite_particulier: 'L’identité du titulaire de la carte grise de votre véhicule',
  ants_extrait_immatriculation_vehicule_adresse_particulier: 'L’adresse inscrite sur la carte grise de votre véhicule',
  ants_extrait_immatriculation_vehicule_statut_rattachement: 'Si vous êtes titulaire, cotitulaire ou locataire de votre véhicule',
  ants_extrait_immatriculation_vehicule_donnees_immatriculation_vehicule: 'Le numéro et la date de première immatriculation de votre véhicule',
  ants_extrait_immatriculation_vehicule_caracteristiques_techniques_vehicule: 'Les caractéristiques techniques de votre véhicule (marque, genre, carburant, émissions)',
};

export type ScopeWording = {
  scope: string;
  /** Short label of the scope catalogue ("Quotient familial (CAF ou MSA)"). */
  label: string;
  /** A whole sentence naming the source: "Votre quotient familial, auprès de la CAF ou de la MSA". */
  sentence: string;
  source: ScopeDefinition['source'] | null;
  /** The administration, for grouping and headings. */
  administration: string;
};

/** The citizen's wording of a scope; an unknown scope (renamed since) still shows, by its name. */
export function describeScope(name: string): ScopeWording {
  const scope = findScope(name);
  if (!scope) {
    return { scope: name, label: `Donnée « ${name} »`, sentence: `La donnée « ${name} »`, source: null, administration: 'Source non précisée' };
  }
  const wording = SOURCE_WORDING[scope.source];
  const start = SENTENCES[name] ?? scope.label;
  return { scope: name, label: scope.label, sentence: `${start}, ${wording.from}`, source: scope.source, administration: wording.administration };
}

/** Scopes grouped by administration, in the order of first appearance. */
export function groupScopesByAdministration(names: readonly string[]): { administration: string; scopes: ScopeWording[] }[] {
  const groups = new Map<string, ScopeWording[]>();
  for (const name of new Set(names)) {
    const wording = describeScope(name);
    const list = groups.get(wording.administration) ?? [];
    list.push(wording);
    groups.set(wording.administration, list);
  }
  return [...groups].map(([administration, scopes]) => ({ administration, scopes }));
}
