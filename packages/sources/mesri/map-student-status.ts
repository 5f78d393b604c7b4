import { parseWireDate, readDataBlock, wire, type IdentityObject } from '../http/index.js';

/** `StudentAdmission` of schema/mesri.graphql. */
export type StudentAdmissionRecord = {
  startDate: string | null;
  endDate: string | null;
  isRegistered: boolean | null;
  trainingRegime: { code: string | null; label: string | null } | null;
  communeCode: string | null;
  institution: { uai: string | null; name: string | null } | null;
};

/** `StudentStatus` of schema/mesri.graphql. */
export type StudentStatusRecord = {
  identity: IdentityObject | null;
  admissions: StudentAdmissionRecord[] | null;
};

/**
 * Maps a body of /v3/mesri/statut_etudiant/{ine,identite} (same `data` for both). `identite` is
 * absent from some real answers (→ null); impossible dates such as `2021-06-31` (staging INE
 * 1234567890A) null that date only.
 */
export function mapStudentStatus(body: unknown): StudentStatusRecord {
  const data = readDataBlock(body);
  const identite = wire.object(data.identite);
  const prenom = wire.string(identite?.prenom);
  return {
    identity: identite && {
      birthName: wire.string(identite.nom_naissance),
      usageName: null,
      firstNames: prenom === null ? null : [prenom],
      // MESRI gives neither sex nor birth place.
      sex: null,
      birthDate: parseWireDate(identite.date_naissance, 'YYYY-MM-DD'),
      birthPlaceCode: null,
      birthCountryCode: null,
    },
    admissions:
      wire.array(data.admissions)?.flatMap((item) => {
        const admission = wire.object(item);
        return admission ? [mapAdmission(admission)] : [];
      }) ?? null,
  };
}

function mapAdmission(admission: Record<string, unknown>): StudentAdmissionRecord {
  const regime = wire.object(admission.regime_formation);
  const etablissement = wire.object(admission.etablissement_etudes);
  return {
    startDate: parseWireDate(admission.date_debut, 'YYYY-MM-DD'),
    endDate: parseWireDate(admission.date_fin, 'YYYY-MM-DD'),
    isRegistered: wire.boolean(admission.est_inscrit),
    trainingRegime: regime && { code: wire.string(regime.code), label: wire.string(regime.libelle) },
    communeCode: wire.string(admission.code_cog_insee_commune),
    institution: etablissement && { uai: wire.string(etablissement.uai), name: wire.string(etablissement.nom) },
  };
}
