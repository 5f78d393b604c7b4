import { describe, expect, it } from '@jest/globals';
import { canonicalIdentity, subjectRef } from './subject-ref.js';

const pivot = { nomNaissance: 'Dupont', prenoms: ['Jean-Pierre', 'Éric'], sexeEtatCivil: 'M' as const, anneeDateNaissance: 1980, moisDateNaissance: 6, jourDateNaissance: 1, codeCogInseePaysNaissance: '99100', codeCogInseeCommuneNaissance: '75056' };

describe('subjectRef', () => {
  it('ignores case, accents and spacing', () => {
    expect(subjectRef('k'.repeat(16), pivot)).toBe(subjectRef('k'.repeat(16), { ...pivot, nomNaissance: ' DUPONT ', prenoms: ['jean pierre', 'eric'] }));
    expect(canonicalIdentity(pivot)).toBe('DUPONT|JEAN PIERRE ERIC|M|1980-06-01|75056|99100');
  });
  it('differs for another person or another key', () => {
    expect(subjectRef('k'.repeat(16), pivot)).not.toBe(subjectRef('k'.repeat(16), { ...pivot, jourDateNaissance: 2 }));
    expect(subjectRef('k'.repeat(16), pivot)).not.toBe(subjectRef('j'.repeat(16), pivot));
  });
});
