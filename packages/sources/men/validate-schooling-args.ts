import { HubError } from '@hub/core';

/** Arguments of `Child.schooling` / `Person.schooling` (schema/men.graphql). */
export type SchoolingArgs = {
  schoolYear: string;
  schoolCode?: string | null;
  level?: 'PRIMARY' | 'SECONDARY' | null;
  departmentCodes?: string[] | null;
  regionCodes?: string[] | null;
};

/** The search part of a MEN query, in the upstream's parameter names. */
export type SchoolingSearch =
  | { anneeScolaire: string; codeEtablissement: string }
  | { anneeScolaire: string; degreEtablissement: '1D' | '2D'; codesBcnDepartements: string[] }
  | { anneeScolaire: string; degreEtablissement: '1D' | '2D'; codesBcnRegions: string[] };

const UAI = /^\d{7}[A-Z]$/;
const BCN_CODE = /^[0-9A-Z]{2,3}$/;
const LEVELS = { PRIMARY: '1D', SECONDARY: '2D' } as const;

/**
 * Checks the arguments before any call, with the rules of /v3/men/scolarites/identite:
 * `anneeScolaire` "AAAA" or "AAAA-AAAA"; either the school (`codeEtablissement`, a UAI) or a
 * perimeter (`degreEtablissement` + exactly one of `codesBcnDepartements[]`/`codesBcnRegions[]`),
 * never both (upstream error 00419). A bad argument is BAD_USER_INPUT naming it.
 *
 * "2025-2026" is sent as "2025": the API reads both as the school year starting in 2025, and one
 * spelling gives one loader key, hence one call.
 */
export function validateSchoolingArgs(args: SchoolingArgs): SchoolingSearch {
  const anneeScolaire = readSchoolYear(args.schoolYear);
  const departments = readCodes(args.departmentCodes, 'departmentCodes');
  const regions = readCodes(args.regionCodes, 'regionCodes');
  const schoolCode = args.schoolCode?.trim().toUpperCase();

  if (schoolCode !== undefined && schoolCode !== '') {
    if (!UAI.test(schoolCode)) invalid('schoolCode', 'schoolCode must be a UAI code: 7 digits and a letter (e.g. 0210015C).');
    if (departments || regions) invalid('schoolCode', 'Give either schoolCode or a perimeter (departmentCodes or regionCodes), not both.');
    if (args.level) invalid('level', 'level applies to a perimeter search only; leave it out with schoolCode.');
    return { anneeScolaire, codeEtablissement: schoolCode };
  }
  if (departments && regions) invalid('regionCodes', 'Give departmentCodes or regionCodes, not both.');
  if (!departments && !regions) invalid('schoolCode', 'Give schoolCode, or a perimeter: level with departmentCodes or regionCodes.');
  if (!args.level) invalid('level', 'level (PRIMARY or SECONDARY) is required with a perimeter search.');
  const degreEtablissement = LEVELS[args.level];
  return departments
    ? { anneeScolaire, degreEtablissement, codesBcnDepartements: departments }
    : { anneeScolaire, degreEtablissement, codesBcnRegions: regions as string[] };
}

function readSchoolYear(value: string): string {
  const match = /^(\d{4})(?:-(\d{4}))?$/.exec(value.trim());
  const start = Number(match?.[1]);
  if (!match || (match[2] !== undefined && Number(match[2]) !== start + 1) || start < 1900 || start > 2999) {
    invalid('schoolYear', 'schoolYear must be "AAAA" or "AAAA-AAAA" with consecutive years (e.g. 2025 or 2025-2026).');
  }
  return String(start);
}

/** A list of BCN codes, or undefined when the argument is absent; an empty list is an error. */
function readCodes(value: string[] | null | undefined, argument: string): string[] | undefined {
  if (value === null || value === undefined) return undefined;
  const codes = value.map((code) => code.trim().toUpperCase());
  if (codes.length === 0) invalid(argument, `${argument} must not be empty.`);
  if (codes.length > 120) invalid(argument, `${argument} lists too many codes (120 at most).`);
  if (!codes.every((code) => BCN_CODE.test(code))) invalid(argument, `${argument} must hold BCN codes (2 or 3 letters or digits, e.g. 075).`);
  return [...new Set(codes)].sort();
}

function invalid(argument: string, message: string): never {
  throw new HubError('BAD_USER_INPUT', message, { argument });
}
