// The shared source contract (contract/run-source-contract.ts) for MESRI, on every staging case of
// the routes it calls (impossible dates such as 2021-06-31 included).
import { payload, runSourceContract, subjectFromParams } from '../contract/run-source-contract.js';
import { mesriRecipe } from './mesri-recipe.js';

const SELECTION = `student { identity { birthName usageName firstNames sex birthDate } admissions {
  startDate endDate isRegistered trainingRegime { code label } communeCode institution { uai name } } }`;

/** `StudentStatus` from a payload's `data`: MESRI gives one first name, no sex, no birth place. */
function expected(data: Record<string, unknown>) {
  const { str, date, bool, obj } = payload;
  const identite = obj(data.identite);
  const prenom = str(identite?.prenom);
  return {
    identity: identite && { birthName: str(identite.nom_naissance), usageName: null, firstNames: prenom ? [prenom] : null, sex: null, birthDate: date(identite.date_naissance) },
    admissions: Array.isArray(data.admissions)
      ? data.admissions.map(obj).filter((a) => a !== null).map((a) => {
          const regime = obj(a.regime_formation);
          const etablissement = obj(a.etablissement_etudes);
          return {
            startDate: date(a.date_debut), endDate: date(a.date_fin), isRegistered: bool(a.est_inscrit),
            trainingRegime: regime && { code: str(regime.code), label: str(regime.libelle) },
            communeCode: str(a.code_cog_insee_commune),
            institution: etablissement && { uai: str(etablissement.uai), name: str(etablissement.nom) },
          };
        })
      : null,
  };
}

const pick = (data: Record<string, unknown>) => (data.person as Record<string, unknown> | null)?.student;

runSourceContract({
  recipe: mesriRecipe,
  routes: {
    ine: {
      folders: ['api_particulier_v3_mesri_statut_etudiant_with_ine'],
      subject: (params) => subjectFromParams({}, { ine: String(params.ine ?? '') || 'X' }),
      query: () => SELECTION,
      pick,
      expected,
    },
    identite: {
      folders: ['api_particulier_v3_mesri_statut_etudiant_with_civility'],
      // Some civility cases carry an INE: the hub sends the identity anyway when asked by identity.
      subject: (params) => subjectFromParams(params),
      query: () => SELECTION,
      pick,
      expected,
    },
  },
});
