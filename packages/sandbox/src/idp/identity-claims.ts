import type { Persona } from '../personas/persona.js';

/** France in the INSEE COG country list. */
const FRANCE_COG = '99100';

/**
 * FranceConnect's identity claims ("identité pivot"), with FranceConnect's names and formats.
 * `sub` is not included: it is derived separately (see subject-for-identity.ts).
 */
export type IdentityClaims = {
  /** All prénoms, space-separated, as FranceConnect sends them. */
  given_name: string;
  /** Nom de naissance. */
  family_name: string;
  /** Nom d'usage; absent when the citizen has none. */
  preferred_username?: string;
  /** YYYY-MM-DD; an unknown month or day is "00", as in the RNIPP for presumed dates. */
  birthdate: string;
  gender: 'female' | 'male';
  /** COG code of the birth commune; "" when born abroad (FranceConnect convention). */
  birthplace: string;
  /** COG code of the birth country (99100 = France). */
  birthcountry: string;
};

function twoDigits(value: number | undefined): string {
  return String(value ?? 0).padStart(2, '0');
}

/** Maps an API Particulier v3 identity pivot to FranceConnect's claims. */
export function identityClaims(identity: Persona['identity']): IdentityClaims {
  const bornInFrance = identity.codeCogInseePaysNaissance === FRANCE_COG;
  const claims: IdentityClaims = {
    given_name: identity.prenoms.join(' '),
    family_name: identity.nomNaissance,
    birthdate: `${String(identity.anneeDateNaissance).padStart(4, '0')}-${twoDigits(identity.moisDateNaissance)}-${twoDigits(identity.jourDateNaissance)}`,
    gender: identity.sexeEtatCivil === 'F' ? 'female' : 'male',
    birthplace: bornInFrance ? (identity.codeCogInseeCommuneNaissance ?? '') : '',
    birthcountry: identity.codeCogInseePaysNaissance,
  };
  if (identity.nomUsage) claims.preferred_username = identity.nomUsage;
  return claims;
}
