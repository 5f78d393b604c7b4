import { HubError, type SubjectIdentity } from '@hub/core';

/** Which MESRI route to call for a subject, and with what query. */
export type MesriLookup =
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
 * The INE when the consent carries one (the more reliable key), else the identity pivot. The
 * identite route takes a single first name (OpenAPI: `prenoms[]` maxItems 1) and requires the full
 * birth date; the birth commune is sent only for people born in France (99100).
 */
export function buildMesriLookup(subject: SubjectIdentity): MesriLookup {
  const ine = subject.ine?.trim();
  if (ine) return { by: 'ine', query: { ine } };
  const firstName = subject.prenoms[0];
  if (subject.moisDateNaissance === undefined || subject.jourDateNaissance === undefined || firstName === undefined) {
    throw new HubError(
      'NOT_FOUND',
      'MESRI needs an INE or a full birth date and a first name; the consent carries neither.',
      { provider: 'MESRI', reason: 'missing_identifier' },
    );
  }
  const bornInFrance = subject.codeCogInseePaysNaissance === '99100';
  return {
    by: 'identite',
    query: {
      nomNaissance: subject.nomNaissance,
      prenoms: [firstName],
      sexeEtatCivil: subject.sexeEtatCivil,
      anneeDateNaissance: subject.anneeDateNaissance,
      moisDateNaissance: subject.moisDateNaissance,
      jourDateNaissance: subject.jourDateNaissance,
      ...(bornInFrance && subject.codeCogInseeCommuneNaissance ? { codeCogInseeCommuneNaissance: subject.codeCogInseeCommuneNaissance } : {}),
    },
  };
}
