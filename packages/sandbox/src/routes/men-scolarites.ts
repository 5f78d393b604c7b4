import { exclusivePerimeter, malformedCivility, notFound, v3Error, v3ErrorForStatus, v3Providers } from '../wire/v3-errors.js';
import { isAnswer, menIdentityRules, parseIdentity } from './identity-params.js';
import { many, single } from './query-values.js';
import { v3Data, type Route } from './route.js';

const provider = v3Providers.men;

/**
 * MEN `GET /{v3,v4}/men/scolarites/identite` (v4: the same parameters and body): the pupil's
 * schooling for `anneeScolaire` (AAAA or AAAA-AAAA), searched in one school (`codeEtablissement`) or in a perimeter
 * (`degreEtablissement` + `codesBcnDepartements[]` or `codesBcnRegions[]`), never both.
 */
function scolarites(version: 'v3' | 'v4'): Route {
  return {
    path: `/${version}/men/scolarites/identite`,
    dialect: 'v3',
    errorForStatus: (status) => v3ErrorForStatus(provider, status),
    answer(params, { index }) {
      const identity = parseIdentity(params, menIdentityRules);
      if (isAnswer(identity)) return identity;
      const anneeScolaire = single(params, 'anneeScolaire');
      const year = /^(\d{4})(-\d{4})?$/.exec(anneeScolaire ?? '')?.[1];
      if (year === undefined) return malformedCivility();
      const school = single(params, 'codeEtablissement');
      const departements = many(params, 'codesBcnDepartements[]');
      const regions = many(params, 'codesBcnRegions[]');
      const degre = single(params, 'degreEtablissement');
      if (school !== undefined && (departements.length > 0 || regions.length > 0)) return exclusivePerimeter();
      if (school === undefined && departements.length === 0 && regions.length === 0) {
        // Sandbox wording: the OpenAPI requires exactly one kind of perimeter but documents no code.
        return v3Error(422, {
          code: '00419',
          title: 'Entité non traitable',
          detail: 'Un codeEtablissement ou un périmètre (codesBcnRegions/codesBcnDepartements) doit être fourni',
        });
      }

      const citizen = index.findByIdentity(identity, (c) => c.schooling !== undefined);
      const record = citizen?.schooling?.find(
        (s) =>
          s.anneeScolaire === year &&
          (degre === undefined || s.degre === degre) &&
          (school !== undefined
            ? s.uai.toUpperCase() === school.toUpperCase()
            : departements.includes(s.departementBcn) || regions.includes(s.regionBcn)),
      );
      if (!citizen || !record) return notFound(provider);
      return v3Data({
        identite: {
          nom: citizen.nomNaissance,
          prenom: citizen.prenoms[0] ?? '',
          sexe: citizen.sexe,
          date_naissance: citizen.dateNaissance,
        },
        module_elementaire_formation: { code_mef_stat: record.codeMefStat, libelle: record.libelleMef },
        annee_scolaire: `${year}-${Number(year) + 1}`,
        est_scolarise: true,
        statut_eleve: { code: 'ST', libelle: 'Scolaire' },
        etablissement: { code_uai: record.uai, nom: record.nomEtablissement, code_ministere_tutelle: '06' },
        est_boursier: record.echelonBourse !== null,
        echelon_bourse: record.echelonBourse,
      });
    },
  };
}

export const menScolarites = scolarites('v3');
export const menScolaritesV4 = scolarites('v4');
