import { describe, expect, it } from '@jest/globals';
import type { SubjectIdentity } from '@hub/core';
import { buildMesriLookup } from './build-mesri-lookup.js';

const subject: SubjectIdentity = {
  nomNaissance: 'MARTIN',
  prenoms: ['Jacques', 'Pierre'],
  sexeEtatCivil: 'M',
  anneeDateNaissance: 2004,
  moisDateNaissance: 1,
  jourDateNaissance: 1,
  codeCogInseePaysNaissance: '99100',
  codeCogInseeCommuneNaissance: '75102',
};

describe('buildMesriLookup', () => {
  it('prefers the INE when the consent carries one', () => {
    expect(buildMesriLookup({ ...subject, ine: '1234567890A' })).toEqual({ by: 'ine', query: { ine: '1234567890A' } });
  });

  it('otherwise sends the pivot with a single first name', () => {
    expect(buildMesriLookup(subject)).toEqual({
      by: 'identite',
      query: {
        nomNaissance: 'MARTIN',
        prenoms: ['Jacques'],
        sexeEtatCivil: 'M',
        anneeDateNaissance: 2004,
        moisDateNaissance: 1,
        jourDateNaissance: 1,
        codeCogInseeCommuneNaissance: '75102',
      },
    });
  });

  it('leaves out the birth commune of someone born abroad', () => {
    const lookup = buildMesriLookup({ ...subject, codeCogInseePaysNaissance: '99134', codeCogInseeCommuneNaissance: undefined });
    expect(lookup.query).not.toHaveProperty('codeCogInseeCommuneNaissance');
  });

  it('refuses with NOT_FOUND when neither an INE nor a full birth date is known', () => {
    expect(() => buildMesriLookup({ ...subject, jourDateNaissance: undefined })).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND', extensions: { provider: 'MESRI', reason: 'missing_identifier' } }),
    );
  });
});
