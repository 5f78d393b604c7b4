import type { Answer, QueryParams } from '../wire/answer.js';
import { malformedCivility, missingSex } from '../wire/v3-errors.js';
import type { IdentityQuery } from '../world/identity-query.js';
import { integer, many, single } from './query-values.js';

/**
 * Which identity parameters a route requires, from each route's OpenAPI parameter list:
 * CNAV routes need the birth country (and, for people born in France, the birth commune);
 * MESRI, CNOUS and MEN need the full birth date; CNOUS alone does not need the sex.
 */
export type IdentityRules = {
  fullBirthDate: boolean;
  sexRequired: boolean;
  birthPlaceRequired: boolean;
};

export const cnavIdentityRules: IdentityRules = { fullBirthDate: false, sexRequired: true, birthPlaceRequired: true };
export const mesriIdentityRules: IdentityRules = { fullBirthDate: true, sexRequired: true, birthPlaceRequired: false };
export const cnousIdentityRules: IdentityRules = { fullBirthDate: true, sexRequired: false, birthPlaceRequired: false };
export const menIdentityRules: IdentityRules = { fullBirthDate: true, sexRequired: true, birthPlaceRequired: false };

const COG = /^(\d{5}|2[AB]\d{3})$/;

/** Parses and validates the identity pivot; a malformed one yields the 422 API Particulier sends. */
export function parseIdentity(params: QueryParams, rules: IdentityRules): IdentityQuery | Answer {
  const nomNaissance = single(params, 'nomNaissance');
  const prenoms = many(params, 'prenoms[]');
  if (nomNaissance === undefined || prenoms.length === 0 || prenoms.length > 3) return malformedCivility();

  const sexeValue = single(params, 'sexeEtatCivil');
  if (sexeValue === undefined && rules.sexRequired) return missingSex();
  if (sexeValue !== undefined && sexeValue !== 'M' && sexeValue !== 'F') return malformedCivility();

  const annee = integer(params, 'anneeDateNaissance');
  const mois = integer(params, 'moisDateNaissance');
  const jour = integer(params, 'jourDateNaissance');
  if (annee === null || mois === null || jour === null) return malformedCivility();
  if (rules.fullBirthDate && (annee === undefined || mois === undefined || jour === undefined)) return malformedCivility();
  if (annee !== undefined && (annee < 1900 || annee > 2100)) return malformedCivility();
  if (mois !== undefined && (mois < 1 || mois > 12)) return malformedCivility();
  if (jour !== undefined && (jour < 1 || jour > 31)) return malformedCivility();

  const paysNaissance = single(params, 'codeCogInseePaysNaissance');
  const communeNaissance = single(params, 'codeCogInseeCommuneNaissance');
  const nomCommuneNaissance = single(params, 'nomCommuneNaissance');
  const departement = single(params, 'codeCogInseeDepartementNaissance');
  if (paysNaissance !== undefined && !/^99\d{3}$/.test(paysNaissance)) return malformedCivility();
  if (communeNaissance !== undefined && !COG.test(communeNaissance)) return malformedCivility();
  if (rules.birthPlaceRequired) {
    if (paysNaissance === undefined) return malformedCivility();
    // Born in France: the commune code, or the triplet name + département + birth year.
    const triplet = nomCommuneNaissance !== undefined && departement !== undefined && annee !== undefined;
    if (paysNaissance === '99100' && communeNaissance === undefined && !triplet) return malformedCivility();
  }

  const query: IdentityQuery = { nomNaissance, prenoms };
  const nomUsage = single(params, 'nomUsage');
  if (nomUsage !== undefined) query.nomUsage = nomUsage;
  if (sexeValue !== undefined) query.sexe = sexeValue as 'F' | 'M';
  // The OpenAPI: the month is ignored without a year, the day without a month.
  if (annee !== undefined) {
    query.annee = annee;
    if (mois !== undefined) {
      query.mois = mois;
      if (jour !== undefined) query.jour = jour;
    }
  }
  if (paysNaissance !== undefined) query.paysNaissance = paysNaissance;
  if (communeNaissance !== undefined) query.communeNaissance = communeNaissance;
  else if (nomCommuneNaissance !== undefined) query.nomCommuneNaissance = nomCommuneNaissance;
  return query;
}

export function isAnswer(value: unknown): value is Answer {
  return typeof value === 'object' && value !== null && 'status' in value && 'body' in value;
}
