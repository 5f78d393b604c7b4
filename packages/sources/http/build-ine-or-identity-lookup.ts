import { HubError, type ProviderName, type SubjectIdentity } from '@hub/core';

/**
 * Which of a source's two routes to call for a subject (`…/ine` or `…/identite`), and with what
 * query. Shared by the student sources (MESRI, CNOUS), whose routes take the same parameters.
 */
export type IneOrIdentityLookup =
  | { by: 'ine'; query: { ine: string } }
  | {
      by: 'identite';
      query: {
        nomNaissance: string;
        prenoms: string[];
        sexeEtatCivil: 'F' | 'M';
        anneeDateNaissance: number;
        moisDateNaissance: number;
        jourDateNaissance: number;
        codeCogInseeCommuneNaissance?: string;
      };
    };

/**
 * The INE when the consent carries one (the more reliable key), else the identity pivot with at
 * most `maxFirstNames` first names (the route's OpenAPI `prenoms[]` maxItems) and the full birth
 * date (required); the birth commune is sent only for people born in France (99100).
 */
export function buildIneOrIdentityLookup(
  subject: SubjectIdentity,
  opts: { provider: ProviderName; maxFirstNames: number },
): IneOrIdentityLookup {
  const ine = subject.ine?.trim();
  if (ine) return { by: 'ine', query: { ine } };
  if (subject.moisDateNaissance === undefined || subject.jourDateNaissance === undefined || subject.prenoms.length === 0) {
    throw new HubError(
      'NOT_FOUND',
      `${opts.provider} needs an INE or a full birth date and a first name; the consent carries neither.`,
      { provider: opts.provider, reason: 'missing_identifier' },
    );
  }
  const bornInFrance = subject.codeCogInseePaysNaissance === '99100';
  return {
    by: 'identite',
    query: {
      nomNaissance: subject.nomNaissance,
      prenoms: subject.prenoms.slice(0, opts.maxFirstNames),
      sexeEtatCivil: subject.sexeEtatCivil,
      anneeDateNaissance: subject.anneeDateNaissance,
      moisDateNaissance: subject.moisDateNaissance,
      jourDateNaissance: subject.jourDateNaissance,
      ...(bornInFrance && subject.codeCogInseeCommuneNaissance ? { codeCogInseeCommuneNaissance: subject.codeCogInseeCommuneNaissance } : {}),
    },
  };
}

/** The same choice as a recipe plan: `{ ine: query }` or `{ identite: query }` (the routes' names in the recipe). */
export function ineOrIdentityPlan(
  subject: SubjectIdentity,
  opts: { provider: ProviderName; maxFirstNames: number },
): { ine: IneOrIdentityLookup['query'] } | { identite: IneOrIdentityLookup['query'] } {
  const lookup = buildIneOrIdentityLookup(subject, opts);
  return lookup.by === 'ine' ? { ine: lookup.query } : { identite: lookup.query };
}
