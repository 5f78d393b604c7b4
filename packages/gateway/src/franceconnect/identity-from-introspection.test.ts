import { describe, expect, it } from '@jest/globals';
import { identityFromIntrospection, IntrospectionClaimError } from './identity-from-introspection.js';

const thomas = {
  gender: 'male', family_name: 'Delatour', given_name: 'Thomas', given_name_array: ['Thomas'],
  birthdate: '1994-04-16', birthplace: '75111', birthcountry: '99100',
};

describe('identityFromIntrospection', () => {
  it('maps the civil-register claims to the identity pivot', () => {
    expect(identityFromIntrospection(thomas)).toEqual({
      nomNaissance: 'Delatour', prenoms: ['Thomas'], sexeEtatCivil: 'M', anneeDateNaissance: 1994, moisDateNaissance: 4, jourDateNaissance: 16,
      codeCogInseePaysNaissance: '99100', codeCogInseeCommuneNaissance: '75111',
    });
  });

  it('female → F, preferred_username → nom d’usage, given_name_array first', () => {
    const p = identityFromIntrospection({ ...thomas, gender: 'female', preferred_username: 'Delamouette', given_name: 'Anne Marie', given_name_array: ['Anne', 'Marie'] });
    expect(p).toMatchObject({ sexeEtatCivil: 'F', nomUsage: 'Delamouette', prenoms: ['Anne', 'Marie'] });
  });

  it('splits given_name when there is no array', () => {
    const { given_name_array: _, ...claims } = thomas;
    expect(identityFromIntrospection({ ...claims, given_name: 'Jean  Pierre' }).prenoms).toEqual(['Jean', 'Pierre']);
  });

  it('keeps the birthplace only for people born in France', () => {
    const abroad = identityFromIntrospection({ ...thomas, birthcountry: '99134', birthplace: '' });
    expect(abroad.codeCogInseeCommuneNaissance).toBeUndefined();
    expect(identityFromIntrospection({ ...thomas, birthcountry: '99134', birthplace: '75111' }).codeCogInseeCommuneNaissance).toBeUndefined();
  });

  it('leaves an unknown month and day undefined (RNIPP 00)', () => {
    const p = identityFromIntrospection({ ...thomas, birthdate: '1994-00-00' });
    expect(p.moisDateNaissance).toBeUndefined();
    expect(p.jourDateNaissance).toBeUndefined();
  });

  it.each([
    ['family_name', { family_name: '' }],
    ['gender', { gender: 'other' }],
    ['birthdate', { birthdate: '16/04/1994' }],
    ['birthdate', { birthdate: '1994-00-16' }],
    ['birthcountry', { birthcountry: 'FR' }],
    ['birthplace', { birthplace: undefined }],
  ])('refuses a bad %s, naming the claim only', (claim, change) => {
    expect(() => identityFromIntrospection({ ...thomas, ...change })).toThrow(new IntrospectionClaimError(claim));
  });
});
