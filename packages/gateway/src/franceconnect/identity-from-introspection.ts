import type { IdentityPivot } from '@hub/core';

const FRANCE_COG = '99100';
const COUNTRY_CODE = /^99\d{3}$/;
/** Commune COG codes: 5 digits, or 2A/2B + 3 digits in Corsica. */
const COMMUNE_CODE = /^(\d{5}|2[AB]\d{3})$/;
/** YYYY-MM-DD; `00` for an unknown month or day (RNIPP presumed dates). */
const BIRTHDATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A claim FranceConnect did not send as expected: its name only (values are personal). */
export class IntrospectionClaimError extends Error {
  constructor(readonly claim: string) {
    super(`FranceConnect claim ${claim} missing or malformed`);
    this.name = 'IntrospectionClaimError';
  }
}

function text(claims: Record<string, unknown>, name: string): string | undefined {
  const value = claims[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * The identity pivot (API Particulier v3 names) from FranceConnect's civil-register claims in
 * `token_introspection`:
 *
 * - `family_name` → `nomNaissance`; `preferred_username` (nom d'usage) → `nomUsage`;
 * - `given_name_array` (or `given_name` split on spaces) → `prenoms`;
 * - `gender` `male` / `female` → `sexeEtatCivil` `M` / `F`;
 * - `birthdate` `YYYY-MM-DD` → year, month, day (a `00` month or day stays undefined);
 * - `birthcountry` → `codeCogInseePaysNaissance`; `birthplace` → `codeCogInseeCommuneNaissance`,
 *   only for people born in France (FranceConnect sends none, or "", for the others).
 */
export function identityFromIntrospection(claims: Record<string, unknown>): IdentityPivot {
  const familyName = text(claims, 'family_name');
  if (!familyName) throw new IntrospectionClaimError('family_name');
  const array = claims['given_name_array'];
  const prenoms = Array.isArray(array) && array.length > 0 && array.every((p) => typeof p === 'string' && p.trim() !== '')
    ? (array as string[]).map((p) => p.trim())
    : text(claims, 'given_name')?.split(/\s+/);
  if (!prenoms) throw new IntrospectionClaimError('given_name');

  const date = BIRTHDATE.exec(text(claims, 'birthdate') ?? '');
  if (!date) throw new IntrospectionClaimError('birthdate');
  const [year, month, day] = [Number(date[1]), Number(date[2]), Number(date[3])];
  if (year < 1800 || month > 12 || day > 31 || (month === 0 && day !== 0)) throw new IntrospectionClaimError('birthdate');

  const gender = claims['gender'];
  if (gender !== 'female' && gender !== 'male') throw new IntrospectionClaimError('gender');

  const country = text(claims, 'birthcountry');
  if (!country || !COUNTRY_CODE.test(country)) throw new IntrospectionClaimError('birthcountry');
  const pivot: IdentityPivot = {
    nomNaissance: familyName,
    prenoms,
    sexeEtatCivil: gender === 'female' ? 'F' : 'M',
    anneeDateNaissance: year,
    codeCogInseePaysNaissance: country,
  };
  if (month !== 0) pivot.moisDateNaissance = month;
  if (day !== 0) pivot.jourDateNaissance = day;
  if (country === FRANCE_COG) {
    const place = text(claims, 'birthplace')?.toUpperCase();
    if (!place || !COMMUNE_CODE.test(place)) throw new IntrospectionClaimError('birthplace');
    pivot.codeCogInseeCommuneNaissance = place;
  }
  const usage = text(claims, 'preferred_username');
  if (usage) pivot.nomUsage = usage;
  return pivot;
}
