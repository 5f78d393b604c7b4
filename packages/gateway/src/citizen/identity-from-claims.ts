import type { IdentityPivot } from '@hub/core';
import { CitizenLoginError } from './citizen-login-error.js';

const FRANCE_COG = '99100';
const COUNTRY_CODE = /^99\d{3}$/;
/** Commune COG codes: 5 digits, or 2A/2B + 3 digits in Corsica. */
const COMMUNE_CODE = /^(\d{5}|2[AB]\d{3})$/;
/** YYYY-MM-DD where MM and DD may be 00 (RNIPP convention for a presumed date). */
const BIRTHDATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function text(claims: Record<string, unknown>, name: string): string | undefined {
  const value = claims[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function incomplete(claim: string): CitizenLoginError {
  // The claim's name only, never its value: the reason is logged.
  return new CitizenLoginError('identity_incomplete', `claim ${claim} missing or malformed`);
}

/**
 * Maps FranceConnect's identity claims (OIDC `given_name`, `family_name`, `preferred_username`,
 * `birthdate`, `gender`, `birthplace`, `birthcountry`) to the identity pivot with API Particulier
 * v3's names, so that `subjectRef` computed at login matches the one computed at consent time.
 *
 * - `given_name`: all prénoms, space-separated → `prenoms`.
 * - `family_name`: nom de naissance → `nomNaissance`; `preferred_username`: nom d'usage.
 * - `birthdate`: `YYYY-MM-DD`, `00` for an unknown month or day (RNIPP) → left undefined.
 * - `gender`: `female` / `male` → `F` / `M` (sexe à l'état civil).
 * - `birthcountry`: COG country (`99100` France); `birthplace`: COG commune, `""` when born abroad.
 *
 * Throws `CitizenLoginError('identity_incomplete')` naming the first unusable claim.
 */
export function identityFromClaims(claims: Record<string, unknown>): IdentityPivot {
  const givenName = text(claims, 'given_name');
  if (!givenName) throw incomplete('given_name');
  const familyName = text(claims, 'family_name');
  if (!familyName) throw incomplete('family_name');

  const date = BIRTHDATE.exec(text(claims, 'birthdate') ?? '');
  if (!date) throw incomplete('birthdate');
  const year = Number(date[1]);
  const month = Number(date[2]);
  const day = Number(date[3]);
  // A known day with an unknown month is not a date the RNIPP produces.
  if (year < 1800 || month > 12 || day > 31 || (month === 0 && day !== 0)) throw incomplete('birthdate');

  const gender = claims['gender'];
  if (gender !== 'female' && gender !== 'male') throw incomplete('gender');

  const country = text(claims, 'birthcountry');
  if (!country || !COUNTRY_CODE.test(country)) throw incomplete('birthcountry');
  const place = text(claims, 'birthplace')?.toUpperCase();
  if (country === FRANCE_COG && (!place || !COMMUNE_CODE.test(place))) throw incomplete('birthplace');

  const pivot: IdentityPivot = {
    nomNaissance: familyName,
    prenoms: givenName.split(/\s+/),
    sexeEtatCivil: gender === 'female' ? 'F' : 'M',
    anneeDateNaissance: year,
    codeCogInseePaysNaissance: country,
  };
  if (month !== 0) pivot.moisDateNaissance = month;
  if (day !== 0) pivot.jourDateNaissance = day;
  // Born abroad: FranceConnect sends "" (or a foreign code some providers fill in); the pivot has none.
  if (country === FRANCE_COG) pivot.codeCogInseeCommuneNaissance = place;
  const usage = text(claims, 'preferred_username');
  if (usage) pivot.nomUsage = usage;
  return pivot;
}
