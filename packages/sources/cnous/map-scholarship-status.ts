import { parseWireDate, readDataBlock, wire, type IdentityObject } from '../http/index.js';

/** `ScholarshipStatus` of schema/cnous.graphql. */
export type ScholarshipStatusRecord = {
  isScholarshipHolder: boolean | null;
  isStruckOff: boolean | null;
  struckOffDate: string | null;
  grade: { grade: string | null; regionalProvisional: boolean | null } | null;
  email: string | null;
  paymentPeriod: { startDate: string | null; durationMonths: number | null } | null;
  studyPlace: { city: string | null; institutionName: string | null } | null;
  identity: IdentityObject | null;
  birthPlaceName: string | null;
};

/**
 * Maps a body of /v4/cnous/etudiant_boursier/{ine,identite} (same `data` for both): v4's
 * `statut_boursier` (`est_boursier`, `est_radie`, `date_radiation`); a v3 answer's flat
 * `est_boursier` is read too, so a deployment pointed at v3 keeps `isScholarshipHolder`.
 */
export function mapScholarshipStatus(body: unknown): ScholarshipStatusRecord {
  const data = readDataBlock(body);
  const echelon = wire.object(data.echelon_bourse);
  const periode = wire.object(data.periode_versement_bourse);
  const etablissement = wire.object(data.etablissement_etudes);
  const identite = wire.object(data.identite);
  const statut = wire.object(data.statut_boursier);
  return {
    isScholarshipHolder: wire.boolean(statut?.est_boursier) ?? wire.boolean(data.est_boursier),
    isStruckOff: wire.boolean(statut?.est_radie),
    struckOffDate: parseWireDate(statut?.date_radiation, 'YYYY-MM-DD'),
    grade: echelon && {
      // "0bis" to "7": a string, since "0bis" is not a number.
      grade: wire.string(echelon.echelon) ?? wire.int(echelon.echelon)?.toString() ?? null,
      regionalProvisional: wire.boolean(echelon.echelon_bourse_regionale_provisoire),
    },
    email: wire.string(data.email),
    paymentPeriod: periode && {
      startDate: parseWireDate(periode.date_rentree, 'YYYY-MM-DD'),
      durationMonths: wire.int(periode.duree),
    },
    studyPlace: etablissement && {
      city: wire.string(etablissement.nom_commune),
      institutionName: wire.string(etablissement.nom_etablissement),
    },
    identity: identite && {
      birthName: wire.string(identite.nom),
      usageName: null,
      firstNames: readFirstNames(identite.prenoms),
      sex: wire.sex(identite.sexe),
      birthDate: parseWireDate(identite.date_naissance, 'YYYY-MM-DD'),
      // CNOUS gives the commune's name (birthPlaceName), not its COG code.
      birthPlaceCode: null,
      birthCountryCode: null,
    },
    birthPlaceName: wire.string(identite?.nom_commune_naissance),
  };
}

/** `prenoms` is an array in v3; older answers sent one space-separated string. */
function readFirstNames(value: unknown): string[] | null {
  const list = wire.array(value);
  if (list === null) return wire.firstNames(value);
  const names = list.map((name) => wire.string(name)).filter((name): name is string => name !== null);
  return names.length > 0 ? names : null;
}
