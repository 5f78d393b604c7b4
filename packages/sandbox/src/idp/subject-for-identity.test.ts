import { describe, expect, it } from '@jest/globals';
import type { Persona } from '../personas/persona.js';
import { subjectForIdentity } from './subject-for-identity.js';

const identity: Persona['identity'] = {
  nomNaissance: 'DUPONT',
  nomUsage: 'MARTIN',
  prenoms: ['CAMILLE', 'ANNE'],
  sexeEtatCivil: 'F',
  anneeDateNaissance: 1984,
  moisDateNaissance: 3,
  jourDateNaissance: 7,
  codeCogInseePaysNaissance: '99100',
  codeCogInseeCommuneNaissance: '75056',
};

describe('subjectForIdentity', () => {
  it('is a SHA-256 hex digest, stable across calls', () => {
    expect(subjectForIdentity(identity)).toMatch(/^[0-9a-f]{64}$/);
    expect(subjectForIdentity({ ...identity })).toBe(subjectForIdentity(identity));
  });

  it('ignores case, extra spaces and the nom d’usage', () => {
    const typed = { ...identity, nomNaissance: ' dupont ', prenoms: ['camille', 'Anne'], nomUsage: 'DURAND' };
    expect(subjectForIdentity(typed)).toBe(subjectForIdentity(identity));
    const { nomUsage: _ignored, ...withoutUsage } = identity;
    expect(subjectForIdentity(withoutUsage)).toBe(subjectForIdentity(identity));
  });

  it.each([
    ['nomNaissance', { nomNaissance: 'DUPOND' }],
    ['prenoms', { prenoms: ['CAMILLE'] }],
    ['prenoms order', { prenoms: ['ANNE', 'CAMILLE'] }],
    ['sexeEtatCivil', { sexeEtatCivil: 'M' as const }],
    ['anneeDateNaissance', { anneeDateNaissance: 1985 }],
    ['moisDateNaissance', { moisDateNaissance: undefined }],
    ['jourDateNaissance', { jourDateNaissance: 8 }],
    ['codeCogInseePaysNaissance', { codeCogInseePaysNaissance: '99243' }],
    ['codeCogInseeCommuneNaissance', { codeCogInseeCommuneNaissance: '69123' }],
  ])('changes when %s changes', (_field, change) => {
    expect(subjectForIdentity({ ...identity, ...change })).not.toBe(subjectForIdentity(identity));
  });

  it('cannot be confused by names that concatenate alike', () => {
    const a = { ...identity, prenoms: ['JEAN PIERRE'] };
    const b = { ...identity, prenoms: ['JEAN', 'PIERRE'] };
    expect(subjectForIdentity(a)).not.toBe(subjectForIdentity(b));
  });
});
