// The shared source contract (contract/run-source-contract.ts) for CNOUS, on every staging case of
// the v4 routes it calls, and of v3's (same body but `est_boursier`, and the error cases).
import { payload, runSourceContract, subjectFromParams } from '../contract/run-source-contract.js';
import { cnousRecipe } from './cnous-recipe.js';

const SELECTION = `scholarship { isScholarshipHolder isStruckOff struckOffDate grade { grade regionalProvisional } email
  paymentPeriod { startDate durationMonths } studyPlace { city institutionName }
  identity { birthName firstNames sex birthDate } birthPlaceName }`;

/** `ScholarshipStatus` from a v4 payload's `data` (docs: schema/cnous.graphql field descriptions). */
function expected(data: Record<string, unknown>) {
  const { str, date, bool, obj } = payload;
  const statut = obj(data.statut_boursier);
  const echelon = obj(data.echelon_bourse);
  const periode = obj(data.periode_versement_bourse);
  const etablissement = obj(data.etablissement_etudes);
  const identite = obj(data.identite);
  const prenoms = Array.isArray(identite?.prenoms) ? identite.prenoms.filter((p): p is string => typeof p === 'string' && p !== '') : typeof identite?.prenoms === 'string' ? identite.prenoms.split(/\s+/).filter(Boolean) : [];
  return {
    isScholarshipHolder: bool(statut?.est_boursier) ?? bool(data.est_boursier),
    isStruckOff: bool(statut?.est_radie),
    struckOffDate: date(statut?.date_radiation),
    grade: echelon && { grade: str(echelon.echelon) ?? (typeof echelon.echelon === 'number' ? String(echelon.echelon) : null), regionalProvisional: bool(echelon.echelon_bourse_regionale_provisoire) },
    email: str(data.email),
    paymentPeriod: periode && { startDate: date(periode.date_rentree), durationMonths: payload.int(periode.duree) },
    studyPlace: etablissement && { city: str(etablissement.nom_commune), institutionName: str(etablissement.nom_etablissement) },
    identity: identite && { birthName: str(identite.nom), firstNames: prenoms.length > 0 ? prenoms : null, sex: identite.sexe === 'F' || identite.sexe === 'M' ? identite.sexe : null, birthDate: date(identite.date_naissance) },
    birthPlaceName: str(identite?.nom_commune_naissance),
  };
}

const pick = (data: Record<string, unknown>) => (data.person as Record<string, unknown> | null)?.scholarship;

runSourceContract({
  recipe: cnousRecipe,
  routes: {
    ine: {
      // v3 cases too: the same body with a flat `est_boursier` (and the route's error cases).
      folders: ['api_particulier_v4_cnous_etudiant_boursier_with_ine', 'api_particulier_v3_cnous_etudiant_boursier_with_ine'],
      subject: (params) => subjectFromParams({}, { ine: String(params.ine ?? '') || 'X' }),
      query: () => SELECTION,
      pick,
      expected,
    },
    identite: {
      folders: ['api_particulier_v4_cnous_etudiant_boursier_with_civility', 'api_particulier_v3_cnous_etudiant_boursier_with_civility'],
      subject: (params) => subjectFromParams(params),
      query: () => SELECTION,
      pick,
      expected,
    },
  },
});
