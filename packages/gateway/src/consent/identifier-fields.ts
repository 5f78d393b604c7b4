import type { SubjectIdentifiers } from '@hub/core';

export type IdentifierName = keyof Required<SubjectIdentifiers>;

/** One input of the consent form: an identifier a source needs and the login does not give. */
export type IdentifierField = {
  name: IdentifierName;
  label: string;
  hint: string;
  required: boolean;
  /** Normalises the typed value (spaces out, upper case) before checking it. */
  normalise(raw: string): string;
  /** A French message for a value that cannot be right, or null. */
  check(value: string): string | null;
};

const compact = (raw: string): string => raw.replace(/[\s.-]+/g, '').toUpperCase();

const FIELDS: Record<IdentifierName, IdentifierField> = {
  numeroFiscal: {
    name: 'numeroFiscal', label: 'Numéro fiscal', required: true,
    hint: '13 chiffres, en haut de la première page de votre avis d’impôt (« N° fiscal »).',
    normalise: compact,
    check: (v) => (/^[0-3]\d{12}$/.test(v) ? null : 'Le numéro fiscal compte 13 chiffres et commence par 0, 1, 2 ou 3.'),
  },
  referenceAvis: {
    name: 'referenceAvis', label: 'Référence de l’avis d’impôt', required: true,
    hint: '13 caractères (chiffres et lettres), sous le numéro fiscal (« Référence de l’avis »).',
    normalise: compact,
    check: (v) => (/^[0-9A-Z]{13,14}$/.test(v) ? null : 'La référence de l’avis compte 13 caractères, chiffres et lettres.'),
  },
  identifiantFranceTravail: {
    name: 'identifiantFranceTravail', label: 'Identifiant France Travail', required: true,
    hint: 'L’identifiant de votre espace France Travail (7 chiffres et une lettre, par exemple 1234567A).',
    normalise: compact,
    check: (v) => (/^[0-9A-Z]{5,20}$/.test(v) ? null : 'L’identifiant France Travail se compose de chiffres et de lettres (par exemple 1234567A).'),
  },
  ine: {
    name: 'ine', label: 'Identifiant national étudiant (INE), facultatif', required: false,
    hint: '11 caractères, sur votre certificat de scolarité ou votre carte d’étudiant. Sans lui, votre identité suffit le plus souvent.',
    normalise: compact,
    check: (v) => (/^[0-9A-Z]{11}$/.test(v) ? null : 'L’INE compte 11 caractères, chiffres et lettres.'),
  },
  identifiantSportif: {
    name: 'identifiantSportif', label: 'Identifiant sportif (sportif de haut niveau)', required: true,
    hint: 'Le numéro de votre fiche de sportif de haut niveau, donné par votre fédération ou le ministère des Sports.',
    normalise: compact,
    check: (v) => (/^[0-9A-Z]{1,20}$/.test(v) ? null : 'L’identifiant sportif se compose de chiffres et de lettres.'),
  },
};

/** Which identifiers the requested scopes need (DGFIP: numéro fiscal + référence d'avis, France Travail: identifiant, MESRI/CNOUS: INE, optional; Sport Data Hub: identifiant sportif). */
export function fieldsForScopes(scopes: readonly string[]): IdentifierField[] {
  const has = (...prefixes: string[]): boolean => scopes.some((s) => prefixes.some((p) => s.startsWith(p)));
  const fields: IdentifierField[] = [];
  if (has('dgfip_')) fields.push(FIELDS.numeroFiscal, FIELDS.referenceAvis);
  if (has('pole_emploi_', 'france_travail_')) fields.push(FIELDS.identifiantFranceTravail);
  if (has('mesri_', 'cnous_')) fields.push(FIELDS.ine);
  if (has('sdh_')) fields.push(FIELDS.identifiantSportif);
  return fields;
}

export type IdentifierValidation = {
  /** As typed (for refilling the form). */
  typed: Partial<Record<IdentifierName, string>>;
  /** Normalised values that passed; only these go into the consent. */
  values: SubjectIdentifiers;
  /** French message per field in error. */
  errors: Partial<Record<IdentifierName, string>>;
};

/** Checks the identifiers posted with the form, server-side; an optional empty field is fine. */
export function validateIdentifiers(fields: readonly IdentifierField[], form: URLSearchParams): IdentifierValidation {
  const result: IdentifierValidation = { typed: {}, values: {}, errors: {} };
  for (const field of fields) {
    const raw = (form.get(field.name) ?? '').slice(0, 100);
    result.typed[field.name] = raw;
    const value = field.normalise(raw);
    if (value === '') {
      if (field.required) result.errors[field.name] = `Indiquez votre ${field.label.charAt(0).toLowerCase()}${field.label.slice(1)}.`;
      continue;
    }
    const problem = field.check(value);
    if (problem) result.errors[field.name] = problem;
    else result.values[field.name] = value;
  }
  return result;
}
