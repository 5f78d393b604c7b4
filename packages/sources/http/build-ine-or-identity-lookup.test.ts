import { describe, expect, it } from '@jest/globals';
import type { SubjectIdentity } from '@hub/core';
import { buildIneOrIdentityLookup } from './build-ine-or-identity-lookup.js';

// Four first names, one more than any student route accepts.
const subject: SubjectIdentity = {
  nomNaissance: 'LEROY',
  prenoms: ['Claire', 'Anne', 'Louise', 'Marie'],
  sexeEtatCivil: 'F',
  anneeDateNaissance: 2003,
  moisDateNaissance: 11,
  jourDateNaissance: 24,
  codeCogInseePaysNaissance: '99100',
  codeCogInseeCommuneNaissance: '69123',
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
        nomNaissance: 'LEROY',
        prenoms: ['Claire', 'Anne', 'Louise'],
        sexeEtatCivil: 'F',
        anneeDateNaissance: 2003,
        moisDateNaissance: 11,
        jourDateNaissance: 24,
        codeCogInseeCommuneNaissance: '69123',
      },
    });
    expect(buildIneOrIdentityLookup(subject, { provider: 'MESRI', maxFirstNames: 1 }).query).toHaveProperty('prenoms', ['Claire']);
  });

  it('leaves out the birth commune of someone born abroad', () => {
    const lookup = buildIneOrIdentityLookup({ ...subject, codeCogInseePaysNaissance: '99134' }, { provider: 'CNOUS', maxFirstNames: 3 });
    expect(lookup.query).not.toHaveProperty('codeCogInseeCommuneNaissance');
  });

  it('names the provider in the NOT_FOUND error when no first name is known', () => {
    expect(() => buildIneOrIdentityLookup({ ...subject, prenoms: [] }, { provider: 'CNOUS', maxFirstNames: 3 })).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND', extensions: { provider: 'CNOUS', reason: 'missing_identifier' } }),
    );
  });
});
