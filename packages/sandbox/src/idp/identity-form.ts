import type { Persona } from '../personas/persona.js';

/** The form fields of the arbitrary-identity login, named after API Particulier v3 parameters. */
export const IDENTITY_FIELDS = [
  'nomNaissance',
  'nomUsage',
  'prenoms',
  'sexeEtatCivil',
  'dateNaissance',
  'codeCogInseePaysNaissance',
  'codeCogInseeCommuneNaissance',
] as const;

export type IdentityField = (typeof IDENTITY_FIELDS)[number];

export type FieldError = { field: IdentityField; message: string };

export type IdentityFormResult =
  | { ok: true; identity: Persona['identity'] }
  | { ok: false; errors: FieldError[] };

const FRANCE_COG = '99100';
/** Letters (any script, with accents), spaces, hyphens and apostrophes, starting with a letter. */
const NAME = /^\p{L}[\p{L}\p{M}' \-’]*$/u;
const MAX_NAME_LENGTH = 100;
const MAX_PRENOMS = 10;
/** INSEE COG codes: countries are 99xxx; communes are 5 digits, or 2A/2B + 3 digits in Corsica. */
const COUNTRY_CODE = /^99\d{3}$/;
const COMMUNE_CODE = /^(\d{5}|2[AB]\d{3})$/;

function checkName(value: string, label: string): string | undefined {
  if (value.length > MAX_NAME_LENGTH) return `${label} ne doit pas dépasser ${MAX_NAME_LENGTH} caractères.`;
  if (!NAME.test(value)) {
    return `${label} ne peut contenir que des lettres, des espaces, des traits d’union et des apostrophes.`;
  }
  return undefined;
}

/** Reads "AAAA-MM-JJ" (what `<input type="date">` sends) or "JJ/MM/AAAA" (typed by hand). */
function parseDate(value: string): { year: number; month: number; day: number } | undefined {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const french = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(value);
  const [year, month, day] = iso
    ? [Number(iso[1]), Number(iso[2]), Number(iso[3])]
    : french
      ? [Number(french[3]), Number(french[2]), Number(french[1])]
      : [NaN, NaN, NaN];
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls 31/02 over to March: a round trip proves the date exists in the calendar.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return undefined;
  }
  return { year, month, day };
}

/**
 * Validates the arbitrary-identity form and builds an identity pivot from it. Every problem is
 * reported (not just the first), each in French and tied to its field, so the page can show
 * them beside the inputs. Rules follow API Particulier v3's identity pivot: commune required
 * when born in France (99100), left empty when born abroad.
 */
export function parseIdentityForm(form: URLSearchParams, now: Date): IdentityFormResult {
  const errors: FieldError[] = [];
  const value = (field: IdentityField): string => (form.get(field) ?? '').trim().replace(/\s+/g, ' ');

  const nomNaissance = value('nomNaissance');
  if (nomNaissance === '') errors.push({ field: 'nomNaissance', message: 'Le nom de naissance est obligatoire.' });
  else {
    const problem = checkName(nomNaissance, 'Le nom de naissance');
    if (problem) errors.push({ field: 'nomNaissance', message: problem });
  }

  const nomUsage = value('nomUsage');
  if (nomUsage !== '') {
    const problem = checkName(nomUsage, 'Le nom d’usage');
    if (problem) errors.push({ field: 'nomUsage', message: problem });
  }

  const prenoms = value('prenoms').split(' ').filter((p) => p !== '');
  if (prenoms.length === 0) errors.push({ field: 'prenoms', message: 'Au moins un prénom est obligatoire.' });
  else if (prenoms.length > MAX_PRENOMS) {
    errors.push({ field: 'prenoms', message: `Indiquez au plus ${MAX_PRENOMS} prénoms.` });
  } else {
    const problem = prenoms.map((p) => checkName(p, 'Chaque prénom')).find((p) => p !== undefined);
    if (problem) errors.push({ field: 'prenoms', message: problem });
  }

  const sexe = value('sexeEtatCivil');
  if (sexe !== 'F' && sexe !== 'M') {
    errors.push({ field: 'sexeEtatCivil', message: 'Choisissez le sexe à l’état civil (féminin ou masculin).' });
  }

  const rawDate = value('dateNaissance');
  const date = rawDate === '' ? undefined : parseDate(rawDate);
  if (rawDate === '') errors.push({ field: 'dateNaissance', message: 'La date de naissance est obligatoire.' });
  else if (!date) {
    errors.push({ field: 'dateNaissance', message: 'La date de naissance doit être une date valide (JJ/MM/AAAA).' });
  } else if (date.year < 1900 || Date.UTC(date.year, date.month - 1, date.day) > now.getTime()) {
    errors.push({ field: 'dateNaissance', message: 'La date de naissance doit être comprise entre 1900 et aujourd’hui.' });
  }

  const pays = value('codeCogInseePaysNaissance');
  if (!COUNTRY_CODE.test(pays)) {
    errors.push({
      field: 'codeCogInseePaysNaissance',
      message: 'Le code COG du pays de naissance comporte 5 chiffres et commence par 99 (99100 pour la France).',
    });
  }

  const commune = value('codeCogInseeCommuneNaissance').toUpperCase();
  if (!COUNTRY_CODE.test(pays)) {
    // Whether a commune is due depends on the country: nothing to say until the country is valid.
  } else if (pays === FRANCE_COG && commune === '') {
    errors.push({
      field: 'codeCogInseeCommuneNaissance',
      message: 'Le code COG de la commune de naissance est obligatoire pour une personne née en France.',
    });
  } else if (pays === FRANCE_COG && !COMMUNE_CODE.test(commune)) {
    errors.push({
      field: 'codeCogInseeCommuneNaissance',
      message: 'Le code COG de la commune de naissance comporte 5 caractères (par exemple 75056, ou 2A004 en Corse).',
    });
  } else if (pays !== FRANCE_COG && commune !== '') {
    errors.push({
      field: 'codeCogInseeCommuneNaissance',
      message: 'Laissez le code de la commune vide pour une personne née à l’étranger.',
    });
  }

  if (errors.length > 0 || !date || (sexe !== 'F' && sexe !== 'M')) {
    return { ok: false, errors };
  }
  const identity: Persona['identity'] = {
    nomNaissance,
    prenoms,
    sexeEtatCivil: sexe,
    anneeDateNaissance: date.year,
    moisDateNaissance: date.month,
    jourDateNaissance: date.day,
    codeCogInseePaysNaissance: pays,
  };
  if (nomUsage !== '') identity.nomUsage = nomUsage;
  if (pays === FRANCE_COG) identity.codeCogInseeCommuneNaissance = commune;
  return { ok: true, identity };
}
