import { HubError, type SubjectIdentity } from '@hub/core';

/** Which CNOUS route to call for a subject, and with what query. */
export type CnousLookup =
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
 * The INE when the consent carries one, else the identity pivot: up to three first names
 * (OpenAPI: `prenoms[]` maxItems 3, more names lower the risk of homonyms), the full birth date
 * (required), the birth commune only for people born in France (99100).
 */
export function buildCnousLookup(subject: SubjectIdentity): CnousLookup {
  const ine = subject.ine?.trim();
  if (ine) return { by: 'ine', query: { ine } };
  if (subject.moisDateNaissance === undefined || subject.jourDateNaissance === undefined || subject.prenoms.length === 0) {
    throw new HubError(
      'NOT_FOUND',
      'CNOUS needs an INE or a full birth date and a first name; the consent carries neither.',
      { provider: 'CNOUS', reason: 'missing_identifier' },
    );
  }
  const bornInFrance = subject.codeCogInseePaysNaissance === '99100';
  return {
    by: 'identite',
    query: {
      nomNaissance: subject.nomNaissance,
      prenoms: subject.prenoms.slice(0, 3),
      sexeEtatCivil: subject.sexeEtatCivil,
      anneeDateNaissance: subject.anneeDateNaissance,
      moisDateNaissance: subject.moisDateNaissance,
      jourDateNaissance: subject.jourDateNaissance,
      ...(bornInFrance && subject.codeCogInseeCommuneNaissance ? { codeCogInseeCommuneNaissance: subject.codeCogInseeCommuneNaissance } : {}),
    },
  };
}
