import { describe, expect, it } from '@jest/globals';
import { subjectRef } from '@hub/core';
import { CitizenLoginError } from './citizen-login-error.js';
import { identityFromClaims } from './identity-from-claims.js';

const claims = {
  sub: 'x',
  given_name: 'Camille Anne',
  family_name: 'DUPONT',
  preferred_username: 'MARTIN',
  birthdate: '1984-03-07',
  gender: 'female',
  birthplace: '75056',
  birthcountry: '99100',
};

function failure(input: Record<string, unknown>): string {
  try {
    identityFromClaims(input);
  } catch (error) {
    expect(error).toBeInstanceOf(CitizenLoginError);
    expect((error as CitizenLoginError).code).toBe('identity_incomplete');
    return (error as CitizenLoginError).reason;
  }
  throw new Error('expected a failure');
}

describe('identityFromClaims', () => {
  it('maps FranceConnect claims to the identity pivot', () => {
    expect(identityFromClaims(claims)).toEqual({
      nomNaissance: 'DUPONT',
      nomUsage: 'MARTIN',
      prenoms: ['Camille', 'Anne'],
      sexeEtatCivil: 'F',
      anneeDateNaissance: 1984,
      moisDateNaissance: 3,
      jourDateNaissance: 7,
      codeCogInseePaysNaissance: '99100',
      codeCogInseeCommuneNaissance: '75056',
    });
  });

  it('reads 00 as an unknown month or day (RNIPP presumed dates)', () => {
    const pivot = identityFromClaims({ ...claims, birthdate: '1990-00-00' });
    expect(pivot.anneeDateNaissance).toBe(1990);
    expect(pivot.moisDateNaissance).toBeUndefined();
    expect(pivot.jourDateNaissance).toBeUndefined();
    expect(identityFromClaims({ ...claims, birthdate: '1990-05-00' })).toMatchObject({ moisDateNaissance: 5 });
  });

  it('leaves the commune out for a birth abroad, whatever the provider put in birthplace', () => {
    const pivot = identityFromClaims({ ...claims, gender: 'male', birthcountry: '99243', birthplace: '' });
    expect(pivot.sexeEtatCivil).toBe('M');
    expect(pivot).not.toHaveProperty('codeCogInseeCommuneNaissance');
    expect(identityFromClaims({ ...claims, birthcountry: '99243', birthplace: '12345' })).not.toHaveProperty('codeCogInseeCommuneNaissance');
  });

  it('gives the same subject reference as the pivot typed at consent time (case, accents, nom d’usage)', () => {
    const typed = {
      nomNaissance: 'Dupont', prenoms: ['CAMILLE', 'ANNE'], sexeEtatCivil: 'F' as const, anneeDateNaissance: 1984,
      moisDateNaissance: 3, jourDateNaissance: 7, codeCogInseePaysNaissance: '99100', codeCogInseeCommuneNaissance: '75056',
    };
    const { preferred_username: _usage, ...withoutUsage } = claims;
    expect(subjectRef('k'.repeat(32), identityFromClaims(withoutUsage))).toBe(subjectRef('k'.repeat(32), typed));
  });

  it.each([
    ['given_name', { given_name: '  ' }],
    ['family_name', { family_name: undefined }],
    ['birthdate', { birthdate: '07/03/1984' }],
    ['birthdate', { birthdate: '1984-13-01' }],
    ['birthdate', { birthdate: '1984-00-07' }],
    ['gender', { gender: 'F' }],
    ['birthcountry', { birthcountry: 'FR' }],
    ['birthplace', { birthplace: '' }],
    ['birthplace', { birthplace: 'Paris' }],
  ])('refuses an unusable %s, naming the claim but not its value', (claim, change) => {
    const reason = failure({ ...claims, ...change });
    expect(reason).toContain(claim);
    expect(reason).not.toMatch(/DUPONT|Camille|1984/);
  });

  it('accepts Corsican commune codes', () => {
    expect(identityFromClaims({ ...claims, birthplace: '2a004' }).codeCogInseeCommuneNaissance).toBe('2A004');
  });
});
