import { parseWireDate, readDataBlock, wire, type IdentityObject } from '../http/index.js';

/** `Schooling` of schema/men.graphql. */
export type SchoolingRecord = {
  identity: IdentityObject | null;
  isEnrolled: boolean | null;
  pupilStatus: { code: string | null; label: string | null } | null;
  schoolYear: string | null;
  isScholarshipHolder: boolean | null;
  scholarshipGrade: number | null;
  school: { uai: string | null; name: string | null; ministryCode: string | null } | null;
  trainingModule: { code: string | null; label: string | null } | null;
};

/**
 * Maps a body of /v3/men/scolarites/identite. `etablissement.nom` is absent from the OpenAPI but
 * present in most staging answers: kept when given. `annee_scolaire` is passed on as sent
 * ("2025-2026", or "2025" in some answers).
 */
export function mapSchooling(body: unknown): SchoolingRecord {
  const data = readDataBlock(body);
  const identite = wire.object(data.identite);
  const statut = wire.object(data.statut_eleve);
  const etablissement = wire.object(data.etablissement);
  const mef = wire.object(data.module_elementaire_formation);
  const prenom = wire.string(identite?.prenom);
  return {
    identity: identite && {
      birthName: wire.string(identite.nom),
      usageName: null,
      firstNames: prenom === null ? null : [prenom],
      sex: wire.sex(identite.sexe),
      birthDate: parseWireDate(identite.date_naissance, 'YYYY-MM-DD'),
      birthPlaceCode: null,
      birthCountryCode: null,
    },
    isEnrolled: wire.boolean(data.est_scolarise),
    pupilStatus: statut && { code: wire.string(statut.code), label: wire.string(statut.libelle) },
    schoolYear: wire.string(data.annee_scolaire),
    isScholarshipHolder: wire.boolean(data.est_boursier),
    scholarshipGrade: wire.int(data.echelon_bourse),
    school: etablissement && {
      uai: wire.string(etablissement.code_uai),
      name: wire.string(etablissement.nom),
      ministryCode: wire.string(etablissement.code_ministere_tutelle),
    },
    trainingModule: mef && { code: wire.string(mef.code_mef_stat), label: wire.string(mef.libelle) },
  };
}
