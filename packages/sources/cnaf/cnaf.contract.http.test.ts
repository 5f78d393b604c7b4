// The shared source contract (contract/run-source-contract.ts) for CNAF / MSA quotient familial
// (served by CNAV), on every staging case of /v3/dss/quotient_familial/identite: 404 (nobody
// matched), 429, 502 and 504 with their reasons; households without children or address.
import { payload, runSourceContract, subjectFromParams } from '../contract/run-source-contract.js';
import { cnafRecipe } from './cnaf-recipe.js';

const { str, date, int, obj } = payload;

const IDENTITY = 'birthName usageName firstNames sex birthDate birthPlaceCode birthCountryCode';
const SELECTION = `family { adults { ${IDENTITY} } children { identity { ${IDENTITY} } } address { recipient lines postalCode city country }
  familyQuotient { value year month computedYear computedMonth provider } provider }`;

/** allocataires[] / enfants[]: CNAF/MSA give no birth place. */
function person(v: unknown) {
  const p = obj(v) ?? {};
  const prenoms = str(p.prenoms)?.split(/\s+/).filter(Boolean) ?? [];
  return {
    birthName: str(p.nom_naissance), usageName: str(p.nom_usage), firstNames: prenoms.length > 0 ? prenoms : null,
    sex: p.sexe === 'F' || p.sexe === 'M' ? p.sexe : null, birthDate: date(p.date_naissance), birthPlaceCode: null, birthCountryCode: null,
  };
}

/** adresse, La Poste format: the lines in order, `code_postal_ville` split when it reads "75002 PARIS". */
function address(v: unknown) {
  const a = obj(v);
  if (!a) return null;
  const lines = [a.complement_information, a.complement_information_geographique, a.numero_libelle_voie, a.lieu_dit].map(str).filter((l) => l !== null);
  const postalCity = str(a.code_postal_ville)?.trim() ?? null;
  const m = postalCity === null ? null : /^(\d{5})\s+(.+)$/.exec(postalCity);
  if (postalCity !== null && !m) lines.push(postalCity);
  return { recipient: str(a.destinataire), lines: lines.length > 0 ? lines : null, postalCode: m?.[1] ?? null, city: m?.[2] ?? null, country: str(a.pays) };
}

/** `FamilyHousehold` from a payload's `data`. */
function expected(data: Record<string, unknown>) {
  const qf = obj(data.quotient_familial);
  const provider = qf?.fournisseur === 'CNAF' || qf?.fournisseur === 'MSA' ? qf.fournisseur : null;
  return {
    adults: Array.isArray(data.allocataires) ? data.allocataires.map(person) : null,
    // No `enfants` (or an empty list) is a family without children.
    children: (Array.isArray(data.enfants) ? data.enfants : []).map((c) => ({ identity: person(c) })),
    address: address(data.adresse),
    familyQuotient: qf && { value: int(qf.valeur), year: int(qf.annee), month: int(qf.mois), computedYear: int(qf.annee_calcul), computedMonth: int(qf.mois_calcul), provider },
    // Non-null in the schema: a payload without a provider would be a field error, not a value.
    provider,
  };
}

runSourceContract({
  recipe: cnafRecipe,
  routes: {
    family: {
      folders: ['api_particulier_v3_cnav_quotient_familial_with_civility'],
      subject: (params) => subjectFromParams(params),
      query: () => SELECTION,
      pick: (data) => (data.person as Record<string, unknown> | null)?.family,
      expected,
    },
  },
});
