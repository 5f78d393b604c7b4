import { describe, expect, it } from '@jest/globals';
import { identityPivotQuery } from './identity-pivot-query.js';

describe('identityPivotQuery', () => {
  it('sends the pivot only, never the other identifiers', () => {
    const query = identityPivotQuery({
      nomNaissance: 'ROUX',
      prenoms: ['JEANNE', 'STEPHANIE'],
      sexeEtatCivil: 'F',
      anneeDateNaissance: 1987,
      moisDateNaissance: 6,
      codeCogInseePaysNaissance: '99100',
      codeCogInseeCommuneNaissance: '08480',
      numeroFiscal: '1111111111111',
      ine: '1234567890A',
    } as Parameters<typeof identityPivotQuery>[0]);
    expect(query).toEqual({
      nomNaissance: 'ROUX',
      nomUsage: undefined,
      prenoms: ['JEANNE', 'STEPHANIE'],
      sexeEtatCivil: 'F',
      anneeDateNaissance: 1987,
      moisDateNaissance: 6,
      jourDateNaissance: undefined,
      codeCogInseePaysNaissance: '99100',
      codeCogInseeCommuneNaissance: '08480',
    });
  });
});
