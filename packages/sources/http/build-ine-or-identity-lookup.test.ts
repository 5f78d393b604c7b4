import { describe, expect, it } from 'vitest';
import type { SubjectIdentity } from '@hub/core';
import { buildIneOrIdentityLookup } from './build-ine-or-identity-lookup.js';

const subject: SubjectIdentity = {
  nomNaissance: 'MARTIN',
  prenoms: ['Jacques', 'Pierre', 'Paul', 'Marie'],
  sexeEtatCivil: 'M',
  anneeDateNaissance: 2004,
  moisDateNaissance: 1,
  jourDateNaissance: 1,
  codeCogInseePaysNaissance: '99100',
  codeCogInseeCommuneNaissance: '75102',
};

describe('buildIneOrIdentityLookup', () => {
  it('prefers the trimmed INE when the consent carries one', () => {
    expect(buildIneOrIdentityLookup({ ...subject, ine: ' 1234567890A ' }, { provider: 'CNOUS', maxFirstNames: 3 })).toEqual({
      by: 'ine',
      query: { ine: '1234567890A' },
    });
  });

  it('keeps at most maxFirstNames first names', () => {
    const lookup = buildIneOrIdentityLookup(subject, { provider: 'CNOUS', maxFirstNames: 3 });
    expect(lookup).toEqual({
      by: 'identite',
      query: {
        nomNaissance: 'MARTIN',
        prenoms: ['Jacques', 'Pierre', 'Paul'],
        sexeEtatCivil: 'M',
        anneeDateNaissance: 2004,
        moisDateNaissance: 1,
        jourDateNaissance: 1,
        codeCogInseeCommuneNaissance: '75102',
      },
    });
    expect(buildIneOrIdentityLookup(subject, { provider: 'MESRI', maxFirstNames: 1 }).query).toHaveProperty('prenoms', ['Jacques']);
  });

  it('names the provider in the NOT_FOUND error when no first name is known', () => {
    expect(() => buildIneOrIdentityLookup({ ...subject, prenoms: [] }, { provider: 'CNOUS', maxFirstNames: 3 })).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND', extensions: { provider: 'CNOUS', reason: 'missing_identifier' } }),
    );
  });
});
