// The shared source contract (contract/run-source-contract.ts) for the Sport Data Hub, on every
// staging case of /v3/sdh/statut_sportif/identifiant (403, 404 37003, 429, 502, 504).
import { payload, runSourceContract, subjectFromParams } from '../contract/run-source-contract.js';
import { sdhRecipe } from './sdh-recipe.js';

const { str, date, bool, int, obj } = payload;
const PERIOD = `recordNumber startDate endDate federation { code name shortName } establishment { code name } region { code name }
  category { code name value } isHighLevel`;
const SELECTION = `highLevelAthlete { identity { birthName usageName firstNames sex birthDate birthPlaceCode birthCountryCode }
  isHighLevelAthlete wasHighLevelAthlete currentStatus { ${PERIOD} } previousStatuses { ${PERIOD} } }`;

/** informations_statut and each informations_statuts_precedents[]. */
function period(v: unknown) {
  const s = obj(v);
  if (!s) return null;
  const periode = obj(s.periode);
  const f = obj(s.federation);
  const e = obj(s.etablissement);
  const r = obj(s.region);
  const c = obj(s.categorie);
  return {
    recordNumber: int(s.fiche), startDate: date(periode?.date_debut_statut), endDate: date(periode?.date_fin_statut),
    federation: f && { code: str(f.code_federation), name: str(f.nom_federation), shortName: str(f.nom_court_federation) },
    establishment: e && { code: str(e.code_etablissement), name: str(e.nom_etablissement) },
    region: r && { code: str(r.code_region), name: str(r.nom_region) },
    category: c && { code: str(c.code_categorie), name: str(c.nom_categorie), value: str(c.valeur) },
    isHighLevel: bool(s.sportif_de_haut_niveau),
  };
}

/** `AthleteStatus` from a payload's `data`: no birth place in the identity. */
function expected(data: Record<string, unknown>) {
  const i = obj(data.identite);
  const prenoms = str(i?.prenoms)?.split(/\s+/).filter(Boolean) ?? [];
  return {
    identity: i && {
      birthName: str(i.nom_naissance), usageName: str(i.nom_usage), firstNames: prenoms.length > 0 ? prenoms : null,
      sex: i.sexe === 'F' || i.sexe === 'M' ? i.sexe : null, birthDate: date(i.date_naissance), birthPlaceCode: null, birthCountryCode: null,
    },
    isHighLevelAthlete: bool(data.est_sportif_de_haut_niveau),
    wasHighLevelAthlete: bool(data.a_ete_sportif_de_haut_niveau),
    currentStatus: period(data.informations_statut),
    previousStatuses: Array.isArray(data.informations_statuts_precedents) ? data.informations_statuts_precedents.map(period).filter((p) => p !== null) : null,
  };
}

runSourceContract({
  recipe: sdhRecipe,
  routes: {
    identifiant: {
      folders: ['api_particulier_v3_sdh_statut_sportif_with_identifiant'],
      subject: (params) => subjectFromParams({}, { identifiantSportif: String(params.identifiant ?? '') || 'X' }),
      query: () => SELECTION,
      pick: (data) => (data.person as Record<string, unknown> | null)?.highLevelAthlete,
      expected,
    },
  },
});
