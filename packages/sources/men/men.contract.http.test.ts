// The shared source contract (contract/run-source-contract.ts) for MEN, on every staging case of
// v4 scolarites and, since its parameters and body are v4's too, of v3.
import { payload, runSourceContract, subjectFromParams } from '../contract/run-source-contract.js';
import { menRecipe } from './men-recipe.js';

/** The `schooling` arguments a case's parameters stand for (a school search unless a perimeter is given). */
function selection(params: Record<string, unknown>): string {
  const year = /^(\d{4})/.exec(String(params.anneeScolaire ?? ''))?.[1] ?? '2024';
  const list = (v: unknown) => JSON.stringify((Array.isArray(v) ? v : [v]).map(String));
  const degre = params.degreEtablissement === '1D' ? 'PRIMARY' : 'SECONDARY';
  const where = params.codesBcnDepartements !== undefined
    ? `level: ${degre}, departmentCodes: ${list(params.codesBcnDepartements)}`
    : params.codesBcnRegions !== undefined
      ? `level: ${degre}, regionCodes: ${list(params.codesBcnRegions)}`
      : `schoolCode: ${JSON.stringify(/^\d{7}[A-Za-z]$/.test(String(params.codeEtablissement ?? '')) ? String(params.codeEtablissement) : '0000000A')}`;
  return `schooling(schoolYear: "${year}", ${where}) { identity { birthName firstNames sex birthDate } isEnrolled pupilStatus { code label }
    schoolYear isScholarshipHolder scholarshipGrade school { uai name ministryCode } trainingModule { code label } }`;
}

function expected(data: Record<string, unknown>) {
  const { str, date, bool, obj, int } = payload;
  const identite = obj(data.identite);
  const statut = obj(data.statut_eleve);
  const etablissement = obj(data.etablissement);
  const mef = obj(data.module_elementaire_formation);
  const prenom = str(identite?.prenom);
  return {
    identity: identite && { birthName: str(identite.nom), firstNames: prenom ? [prenom] : null, sex: identite.sexe === 'F' || identite.sexe === 'M' ? identite.sexe : null, birthDate: date(identite.date_naissance) },
    isEnrolled: bool(data.est_scolarise),
    pupilStatus: statut && { code: str(statut.code), label: str(statut.libelle) },
    schoolYear: str(data.annee_scolaire),
    isScholarshipHolder: bool(data.est_boursier),
    scholarshipGrade: int(data.echelon_bourse),
    school: etablissement && { uai: str(etablissement.code_uai), name: str(etablissement.nom), ministryCode: str(etablissement.code_ministere_tutelle) },
    trainingModule: mef && { code: str(mef.code_mef_stat), label: str(mef.libelle) },
  };
}

runSourceContract({
  recipe: menRecipe,
  routes: {
    scolarites: {
      folders: ['api_particulier_v4_men_scolarites_with_civility', 'api_particulier_v3_men_scolarites_with_civility'],
      subject: (params) => subjectFromParams(params),
      query: selection,
      pick: (data) => (data.person as Record<string, unknown> | null)?.schooling,
      expected,
    },
  },
});
