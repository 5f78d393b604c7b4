import { describe, expect, it } from '@jest/globals';
import { pupilQueryFromIdentity, pupilQueryFromPivot } from './build-pupil-query.js';

describe('pupil query', () => {
  it('reads a child identity, keeping three first names at most', () => {
    expect(
      pupilQueryFromIdentity({ birthName: 'Garcia', firstNames: ['Mateo', 'Luis', 'Paul', 'Jean'], sex: 'M', birthDate: '2012-03-07' }),
    ).toEqual({
      nomNaissance: 'Garcia',
      prenoms: ['Mateo', 'Luis', 'Paul'],
      sexeEtatCivil: 'M',
      anneeDateNaissance: 2012,
      moisDateNaissance: 3,
      jourDateNaissance: 7,
    });
  });

  it.each([
    { birthName: 'Garcia', firstNames: ['Mateo'], sex: 'M' as const, birthDate: null },
    { birthName: 'Garcia', firstNames: [], sex: 'M' as const, birthDate: '2012-03-07' },
    { birthName: null, firstNames: ['Mateo'], sex: 'M' as const, birthDate: '2012-03-07' },
    { birthName: 'Garcia', firstNames: ['Mateo'], sex: null, birthDate: '2012-03-07' },
  ])('refuses an incomplete child identity with NOT_FOUND (%j)', (identity) => {
    expect(() => pupilQueryFromIdentity(identity)).toThrow(expect.objectContaining({ code: 'NOT_FOUND', extensions: { provider: 'MEN', reason: 'missing_identifier' } }));
  });

  it('reads the identity pivot, and refuses one without a birth day', () => {
    const pivot = { nomNaissance: 'Martin', prenoms: ['Justine'], sexeEtatCivil: 'F' as const, anneeDateNaissance: 2000, moisDateNaissance: 1, jourDateNaissance: 20, codeCogInseePaysNaissance: '99100' };
    expect(pupilQueryFromPivot(pivot)).toMatchObject({ nomNaissance: 'Martin', prenoms: ['Justine'], moisDateNaissance: 1, jourDateNaissance: 20 });
    expect(() => pupilQueryFromPivot({ ...pivot, jourDateNaissance: undefined })).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });
});
