// The shared source contract (contract/run-source-contract.ts) for CNAF EAJE (served by CNAV), on
// every staging case of /v3/dss/participation_familiale_eaje/identite (404 nobody matched, 429, 504).
import { payload, runSourceContract, subjectFromParams } from '../contract/run-source-contract.js';
import { eajeRecipe } from './eaje-recipe.js';

const { str, date, int, obj } = payload;
const IDENTITY = 'birthName usageName firstNames sex birthDate birthPlaceCode birthCountryCode';
const SELECTION = `childcare { adults { ${IDENTITY} } children { identity { ${IDENTITY} } } address { recipient lines postalCode city country }
  feeParameters { dependentChildren childrenWithAeeh annualResources annualResourcesYear } }`;

/** allocataires[] / enfants[]: the birth commune, no birth country. */
function person(v: unknown) {
  const p = obj(v) ?? {};
  const prenoms = str(p.prenoms)?.split(/\s+/).filter(Boolean) ?? [];
  return {
    birthName: str(p.nom_naissance), usageName: str(p.nom_usage), firstNames: prenoms.length > 0 ? prenoms : null,
    sex: p.sexe === 'F' || p.sexe === 'M' ? p.sexe : null, birthDate: date(p.date_naissance),
    birthPlaceCode: str(p.code_cog_insee_commune_naissance), birthCountryCode: null,
  };
}

/** adresse, La Poste format: `code_postal_ville` is "75002" alone or "75002 PARIS". */
function address(v: unknown) {
  const a = obj(v);
  if (!a) return null;
  const lines = [a.complement_information, a.complement_information_geographique, a.numero_libelle_voie, a.lieu_dit].map(str).filter((l) => l !== null);
  const postalCity = str(a.code_postal_ville)?.trim() ?? null;
  const m = postalCity === null ? null : /^(\d{5})(?:\s+(.+))?$/.exec(postalCity);
  if (postalCity !== null && !m) lines.push(postalCity);
  return { recipient: str(a.destinataire), lines: lines.length > 0 ? lines : null, postalCode: m?.[1] ?? null, city: m?.[2] ?? null, country: str(a.pays) };
}

function expected(data: Record<string, unknown>) {
  const p = obj(data.parametres_calcul_participation_familiale);
  const base = obj(p?.base_ressources_annuelles);
  return {
    adults: Array.isArray(data.allocataires) ? data.allocataires.map(person) : null,
    children: (Array.isArray(data.enfants) ? data.enfants : []).map((c) => ({ identity: person(c) })),
    address: address(data.adresse),
    feeParameters: p && { dependentChildren: int(p.nombre_enfants_a_charge), childrenWithAeeh: int(p.nombre_enfants_beneficiaire_aeeh), annualResources: int(base?.valeur), annualResourcesYear: int(base?.annee_calcul) },
  };
}

runSourceContract({
  recipe: eajeRecipe,
  routes: {
    identite: {
      folders: ['api_particulier_v3_cnav_participation_familiale_eaje_with_civility'],
      subject: (params) => subjectFromParams(params),
      query: () => SELECTION,
      pick: (data) => (data.person as Record<string, unknown> | null)?.childcare,
      expected,
    },
  },
});
