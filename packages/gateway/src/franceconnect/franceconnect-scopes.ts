import { SCOPE_CATALOGUE } from '@hub/policy';

/**
 * FranceConnect's data scopes (the names a citizen's access token carries) → the catalogue's.
 * One table, generated from the catalogue (franceconnect-scopes.test.ts checks it against it):
 *
 * - a catalogue scope FranceConnect offers under the same name maps to itself;
 * - `ALIASES`: FranceConnect's own names where they differ (its DGFIP data scopes, a singular);
 * - `NOT_OFFERED`: catalogue scopes FranceConnect has no scope for — they are never released in
 *   FranceConnect mode.
 *
 * As in API Particulier v3, token scopes containing `_identite` are dropped before the lookup
 * (`cnous_identite`, `mesri_identite`...: the identity comes from the token's claims), and any
 * other name the table does not know (`openid`, another provider's scopes) releases nothing.
 * The rule is applied as API Particulier applies it, by name, also where the catalogue's data
 * scope itself contains `_identite`: `ants_extrait_immatriculation_vehicule_identite_particulier`
 * (the holder of a vehicle, `VehicleRegistration.holder`) and `sdh_statut_sportif_identite` (the
 * athlete's identity at the ministère des Sports, `HighLevelAthlete.identity`) are never released
 * in FranceConnect mode — the other ANTS and Sport Data Hub scopes are.
 *
 * EAJE: FranceConnect has no EAJE scope (the issue; FranceConnect's scope list). The staging corpus's
 * `all_fc` token nevertheless carries `eaje_allocataires`, `eaje_enfants`, `eaje_adresse` and
 * `eaje_parametres_calcul_participation_familial` (sic, without the final « e » of the catalogue's
 * `..._familiale`): a test fixture of API Particulier's own FranceConnect integration, not a scope
 * a FranceConnect client can request. CNAV's EAJE participation stays in `NOT_OFFERED` and these
 * names release nothing (`Person.childcare` is `CONSENT_SCOPE_MISSING`, no call).
 */
const ALIASES: Readonly<Record<string, string>> = {
  mesri_admission_etablissement_etude: 'mesri_admission_etablissement_etudes',
  // FranceConnect's DGFIP scopes (its "fournisseur de données" names for the avis d'impôt).
  dgfip_rfr: 'dgfip_revenu_fiscal_reference',
  dgfip_nbpart: 'dgfip_nombre_parts',
  dgfip_sitfam: 'dgfip_situation_familiale',
  dgfip_pac: 'dgfip_nombre_personnes_a_charge',
  dgfip_aft: 'dgfip_adresse_fiscale_taxation',
};

/** Catalogue sources FranceConnect has no scope for: MEN's scolarité, CNAV's EAJE participation (see above). */
const NOT_OFFERED_SOURCES: readonly string[] = ['MEN', 'CNAF_EAJE'];
/** Single catalogue scopes FranceConnect has no scope for: AEEH. */
const NOT_OFFERED_SCOPES: readonly string[] = ['cnav_allocation_enfant_handicape'];

/** Catalogue scopes FranceConnect mode never releases (no FranceConnect scope carries them). */
export const NOT_OFFERED: readonly string[] = SCOPE_CATALOGUE
  .filter((s) => NOT_OFFERED_SOURCES.includes(s.source) || NOT_OFFERED_SCOPES.includes(s.name) || s.name.includes('_identite'))
  .map((s) => s.name);

export const FRANCECONNECT_SCOPE_TABLE: ReadonlyMap<string, string> = new Map([
  ...SCOPE_CATALOGUE.filter((s) => !NOT_OFFERED.includes(s.name)).map((s) => [s.name, s.name] as const),
  ...Object.entries(ALIASES),
]);

/** The catalogue scopes a FranceConnect token's `scope` (space-separated) carries. */
export function catalogueScopesOf(tokenScope: string): Set<string> {
  const scopes = new Set<string>();
  for (const name of tokenScope.split(/\s+/)) {
    if (name === '' || name.includes('_identite')) continue;
    const mapped = FRANCECONNECT_SCOPE_TABLE.get(name);
    if (mapped) scopes.add(mapped);
  }
  return scopes;
}
