/**
 * The scope catalogue (docs/scopes.md): API Particulier's scope names, so that habilitations granted
 * elsewhere carry over, plus the hub's own scopes where none exists (named in the same style).
 * `label` is plain French for the citizen's consent page and access log.
 */
export type ScopeDefinition = {
  name: string;
  source: 'HUB' | 'DGFIP' | 'CNAF_MSA' | 'CNAV' | 'FRANCE_TRAVAIL' | 'MESRI' | 'CNOUS' | 'MEN' | 'DSNJ' | 'GIP_MDS' | 'SDH' | 'CNAF_EAJE' | 'ANTS';
  label: string;
};

const scope = (source: ScopeDefinition['source'], name: string, label: string): ScopeDefinition => ({ name, source, label });

const declarant = (n: 1 | 2): ScopeDefinition[] => [
  scope('DGFIP', `dgfip_declarant${n}_nom`, `Nom d'usage du déclarant ${n}`),
  scope('DGFIP', `dgfip_declarant${n}_nom_naissance`, `Nom de naissance du déclarant ${n}`),
  scope('DGFIP', `dgfip_declarant${n}_prenoms`, `Prénoms du déclarant ${n}`),
  scope('DGFIP', `dgfip_declarant${n}_date_naissance`, `Date de naissance du déclarant ${n}`),
];

export const SCOPE_CATALOGUE: readonly ScopeDefinition[] = [
  // The hub's own: the identity pivot captured at consent time.
  scope('HUB', 'identite_pivot', "Votre identité (nom, prénoms, sexe, date et lieu de naissance) telle que vous l'avez saisie"),
  // DGFIP — avis d'impôt sur le revenu
  ...declarant(1),
  ...declarant(2),
  scope('DGFIP', 'dgfip_date_recouvrement', "Date de mise en recouvrement de l'avis d'impôt"),
  scope('DGFIP', 'dgfip_date_etablissement', "Date d'établissement de l'avis d'impôt"),
  scope('DGFIP', 'dgfip_adresse_fiscale_taxation', "Adresse fiscale du foyer"),
  scope('DGFIP', 'dgfip_adresse_fiscale_annee', "Année de l'adresse fiscale"),
  scope('DGFIP', 'dgfip_nombre_parts', 'Nombre de parts fiscales'),
  scope('DGFIP', 'dgfip_nombre_personnes_a_charge', 'Nombre de personnes à charge'),
  scope('DGFIP', 'dgfip_situation_familiale', 'Situation de famille (déclarée aux impôts)'),
  scope('DGFIP', 'dgfip_revenu_brut_global', 'Revenu brut global'),
  scope('DGFIP', 'dgfip_revenu_imposable', 'Revenu imposable'),
  scope('DGFIP', 'dgfip_impot_revenu_net_avant_corrections', 'Impôt sur le revenu net avant corrections'),
  scope('DGFIP', 'dgfip_montant_impot', "Montant de l'impôt"),
  scope('DGFIP', 'dgfip_revenu_fiscal_reference', 'Revenu fiscal de référence'),
  scope('DGFIP', 'dgfip_annee_impot', "Année d'imposition"),
  scope('DGFIP', 'dgfip_annee_revenus', 'Année des revenus'),
  scope('DGFIP', 'dgfip_erreur_correctif', "Existence d'un avis correctif"),
  scope('DGFIP', 'dgfip_situation_partielle', "Avis couvrant une partie de l'année"),
  // CNAF / MSA — quotient familial
  scope('CNAF_MSA', 'cnaf_quotient_familial', 'Quotient familial (CAF ou MSA)'),
  scope('CNAF_MSA', 'cnaf_allocataires', 'Identité des allocataires du foyer'),
  scope('CNAF_MSA', 'cnaf_enfants', 'Identité des enfants du foyer'),
  scope('CNAF_MSA', 'cnaf_adresse', 'Adresse du foyer allocataire'),
  // CNAV — prestations sociales
  scope('CNAV', 'revenu_solidarite_active', 'Droit au revenu de solidarité active (RSA)'),
  scope('CNAV', 'revenu_solidarite_active_majoration', 'Majoration du RSA'),
  scope('CNAV', 'prime_activite', "Droit à la prime d'activité"),
  scope('CNAV', 'prime_activite_majoration', "Majoration de la prime d'activité"),
  scope('CNAV', 'allocation_adulte_handicape', "Droit à l'allocation aux adultes handicapés (AAH)"),
  scope('CNAV', 'allocation_soutien_familial', "Droit à l'allocation de soutien familial (ASF)"),
  scope('CNAV', 'complementaire_sante_solidaire', 'Droit à la complémentaire santé solidaire (C2S)'),
  scope('CNAV', 'cnav_allocation_enfant_handicape', "Droit à l'allocation d'éducation de l'enfant handicapé (AEEH)"),
  // France Travail
  scope('FRANCE_TRAVAIL', 'pole_emploi_identifiant', 'Identifiant France Travail'),
  scope('FRANCE_TRAVAIL', 'pole_emploi_identite', 'Identité connue de France Travail'),
  scope('FRANCE_TRAVAIL', 'pole_emploi_contact', 'Coordonnées de contact connues de France Travail'),
  scope('FRANCE_TRAVAIL', 'pole_emploi_adresse', 'Adresse connue de France Travail'),
  scope('FRANCE_TRAVAIL', 'pole_emploi_inscription', "Inscription comme demandeur d'emploi (dates, catégorie)"),
  scope('FRANCE_TRAVAIL', 'pole_emploi_paiements', 'Indemnités versées par France Travail'),
  // MESRI — statut étudiant
  scope('MESRI', 'mesri_identifiant', 'Identifiant national étudiant (INE)'),
  scope('MESRI', 'mesri_identite', "Identité connue de l'enseignement supérieur"),
  scope('MESRI', 'mesri_admissions', "Inscriptions dans l'enseignement supérieur"),
  scope('MESRI', 'mesri_admission_inscrit', "Statut d'inscription (inscrit ou admis)"),
  scope('MESRI', 'mesri_admission_regime_formation', 'Régime de formation (initiale, continue...)'),
  scope('MESRI', 'mesri_admission_commune_etudes', "Commune du lieu d'études"),
  scope('MESRI', 'mesri_admission_etablissement_etudes', "Établissement d'enseignement supérieur"),
  // CNOUS — bourse
  scope('CNOUS', 'cnous_statut_boursier', 'Statut de boursier'),
  scope('CNOUS', 'cnous_echelon_bourse', 'Échelon de la bourse'),
  scope('CNOUS', 'cnous_email', 'Adresse électronique connue du CROUS'),
  scope('CNOUS', 'cnous_periode_versement', 'Période de versement de la bourse'),
  scope('CNOUS', 'cnous_statut_bourse', 'Statut de la bourse (définitive ou conditionnelle)'),
  scope('CNOUS', 'cnous_ville_etudes', "Ville et établissement d'études"),
  scope('CNOUS', 'cnous_identite', 'Identité connue du CROUS'),
  // MEN — scolarité
  scope('MEN', 'men_statut_identite', "Identité de l'élève"),
  scope('MEN', 'men_statut_scolarite', "Scolarité de l'élève (statut, année scolaire)"),
  scope('MEN', 'men_statut_boursier', "Statut de boursier de l'élève"),
  scope('MEN', 'men_echelon_bourse', "Échelon de bourse de l'élève"),
  scope('MEN', 'men_statut_etablissement', "Établissement de l'élève"),
  scope('MEN', 'men_statut_module_elementaire_formation', "Module élémentaire de formation de l'élève"),
  // DSNJ — service national (recensement, JDC)
  scope('DSNJ', 'dsnj_statut_service_national', 'Situation au regard du service national (recensement, JDC)'),
  // GIP-MDS — service civique
  scope('GIP_MDS', 'gip_mds_service_civique_statut_actuel', 'Contrat de service civique en cours'),
  scope('GIP_MDS', 'gip_mds_service_civique_statut_passe', 'Contrat de service civique passé'),
  scope('GIP_MDS', 'gip_mds_service_civique_organisme_accueil', "Organisme d'accueil du service civique"),
  scope('GIP_MDS', 'gip_mds_service_civique_dates', 'Dates du contrat de service civique'),
  // Sport Data Hub — sportifs de haut niveau
  scope('SDH', 'sdh_statut_sportif_identite', 'Identité connue du ministère des Sports'),
  scope('SDH', 'sdh_statut_sportif_est_sportif_de_haut_niveau', 'Statut actuel de sportif de haut niveau'),
  scope('SDH', 'sdh_statut_sportif_a_ete_sportif_de_haut_niveau', 'Statut passé de sportif de haut niveau'),
  scope('SDH', 'sdh_statut_sportif_informations_statut', 'Détail du statut en cours (période, fédération, catégorie)'),
  scope('SDH', 'sdh_statut_sportif_informations_statuts_precedents', 'Détail des statuts précédents'),
  // CNAF (through CNAV) — participation familiale en crèche (EAJE)
  scope('CNAF_EAJE', 'eaje_allocataires', 'Identité des allocataires (tarif de crèche)'),
  scope('CNAF_EAJE', 'eaje_enfants', 'Identité des enfants (tarif de crèche)'),
  scope('CNAF_EAJE', 'eaje_adresse', 'Adresse du foyer allocataire (tarif de crèche)'),
  scope('CNAF_EAJE', 'eaje_parametres_calcul_participation_familiale', 'Éléments de calcul du tarif de crèche (enfants à charge, ressources)'),
  // ANTS — certificat d'immatriculation (FranceConnect only)
  scope('ANTS', 'ants_extrait_immatriculation_vehicule_identite_particulier', "Identité du titulaire du certificat d'immatriculation"),
  scope('ANTS', 'ants_extrait_immatriculation_vehicule_adresse_particulier', "Adresse du titulaire du certificat d'immatriculation"),
  scope('ANTS', 'ants_extrait_immatriculation_vehicule_statut_rattachement', 'Rattachement au véhicule (titulaire, cotitulaire, locataire)'),
  scope('ANTS', 'ants_extrait_immatriculation_vehicule_donnees_immatriculation_vehicule', "Données d'immatriculation du véhicule"),
  scope('ANTS', 'ants_extrait_immatriculation_vehicule_caracteristiques_techniques_vehicule', 'Caractéristiques techniques du véhicule'),
];

const BY_NAME = new Map(SCOPE_CATALOGUE.map((s) => [s.name, s]));

export function findScope(name: string): ScopeDefinition | undefined {
  return BY_NAME.get(name);
}

/** Names not in the catalogue (empty when all are known). */
export function unknownScopes(names: readonly string[]): string[] {
  return names.filter((n) => !BY_NAME.has(n));
}

export const ALL_SCOPE_NAMES: readonly string[] = SCOPE_CATALOGUE.map((s) => s.name);
