import { describe, expect, it } from '@jest/globals';
import { ALL_SCOPE_NAMES } from '@hub/policy';
import { FRANCECONNECT_SCOPE_TABLE, NOT_OFFERED, catalogueScopesOf } from './franceconnect-scopes.js';

describe('FRANCECONNECT_SCOPE_TABLE', () => {
  it('maps only to scopes of the catalogue, and covers every catalogue scope but those not offered', () => {
    const catalogue = new Set(ALL_SCOPE_NAMES);
    for (const target of FRANCECONNECT_SCOPE_TABLE.values()) expect(catalogue.has(target)).toBe(true);
    const reachable = new Set(FRANCECONNECT_SCOPE_TABLE.values());
    expect(ALL_SCOPE_NAMES.filter((s) => !reachable.has(s)).sort()).toEqual([...NOT_OFFERED].sort());
  });

  it('knows FranceConnect names that differ from the catalogue', () => {
    expect(FRANCECONNECT_SCOPE_TABLE.get('mesri_admission_etablissement_etude')).toBe('mesri_admission_etablissement_etudes');
    expect(FRANCECONNECT_SCOPE_TABLE.get('dgfip_rfr')).toBe('dgfip_revenu_fiscal_reference');
  });

  it('offers no scope for AEEH nor MEN', () => {
    expect(NOT_OFFERED).toEqual(expect.arrayContaining(['cnav_allocation_enfant_handicape', 'men_statut_scolarite']));
  });
});

describe('catalogueScopesOf', () => {
  it('drops `_identite` scopes, openid and unknown names; keeps identite_pivot', () => {
    expect([...catalogueScopesOf('openid identite_pivot cnous_identite cnous_statut_boursier mesri_identite some_other_scope  cnaf_quotient_familial')].sort())
      .toEqual(['cnaf_quotient_familial', 'cnous_statut_boursier', 'identite_pivot']);
  });

  it('all_fc: no EAJE (no FranceConnect scope, whatever the staging token carries); ANTS and SDH `_identite` scopes dropped, the others kept', () => {
    const scopes = catalogueScopesOf('openid identite_pivot eaje_allocataires eaje_enfants eaje_adresse eaje_parametres_calcul_participation_familial eaje_parametres_calcul_participation_familiale '
      + 'ants_extrait_immatriculation_vehicule_identite_particulier ants_extrait_immatriculation_vehicule_adresse_particulier '
      + 'sdh_statut_sportif_identite sdh_statut_sportif_est_sportif_de_haut_niveau');
    expect([...scopes].sort()).toEqual(['ants_extrait_immatriculation_vehicule_adresse_particulier', 'identite_pivot', 'sdh_statut_sportif_est_sportif_de_haut_niveau']);
    expect(NOT_OFFERED).toEqual(expect.arrayContaining(['eaje_allocataires', 'eaje_parametres_calcul_participation_familiale', 'ants_extrait_immatriculation_vehicule_identite_particulier', 'sdh_statut_sportif_identite']));
  });

  it('maps aliases', () => {
    expect([...catalogueScopesOf('dgfip_rfr mesri_admission_etablissement_etude')].sort()).toEqual(['dgfip_revenu_fiscal_reference', 'mesri_admission_etablissement_etudes']);
  });
});
