/** Vendored staging folder → the sandbox route whose cases it holds (see fixtures NOTE.md). */
export const stagingFolders: Readonly<Record<string, string>> = {
  api_particulier_v2_dgfip_situation_ir: '/api/v2/avis-imposition',
  api_particulier_v3_cnav_quotient_familial_with_civility: '/v3/dss/quotient_familial/identite',
  api_particulier_v3_cnav_revenu_solidarite_active_with_civility: '/v3/dss/revenu_solidarite_active/identite',
  api_particulier_v3_cnav_prime_activite_with_civility: '/v3/dss/prime_activite/identite',
  api_particulier_v3_cnav_allocation_adulte_handicape_with_civility: '/v3/dss/allocation_adulte_handicape/identite',
  api_particulier_v3_cnav_allocation_soutien_familial_with_civility: '/v3/dss/allocation_soutien_familial/identite',
  api_particulier_v3_cnav_complementaire_sante_solidaire_with_civility: '/v3/dss/complementaire_sante_solidaire/identite',
  api_particulier_v3_cnav_allocation_enfant_handicape_with_civility: '/v3/dss/allocation_enfant_handicape/identite',
  api_particulier_v3_france_travail_statut_with_identifiant: '/v3/france_travail/statut/identifiant',
  api_particulier_v3_france_travail_indemnites_with_identifiant: '/v3/france_travail/indemnites/identifiant',
  api_particulier_v3_mesri_statut_etudiant_with_civility: '/v3/mesri/statut_etudiant/identite',
  api_particulier_v3_mesri_statut_etudiant_with_ine: '/v3/mesri/statut_etudiant/ine',
  api_particulier_v3_cnous_etudiant_boursier_with_civility: '/v3/cnous/etudiant_boursier/identite',
  api_particulier_v3_cnous_etudiant_boursier_with_ine: '/v3/cnous/etudiant_boursier/ine',
  api_particulier_v3_men_scolarites_with_civility: '/v3/men/scolarites/identite',
};
