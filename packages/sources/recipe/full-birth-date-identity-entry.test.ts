import { describe, expect, it } from '@jest/globals';
import { HubError, type PersonParent, type SubjectIdentity } from '@hub/core';
import { fullBirthDateIdentityEntry } from './full-birth-date-identity-entry.js';

const subject: SubjectIdentity = {
  nomNaissance: 'MARTIN', nomUsage: 'DURAND', prenoms: ['JEAN', 'MICHEL'], sexeEtatCivil: 'M',
  anneeDateNaissance: 2006, moisDateNaissance: 1, jourDateNaissance: 15,
  codeCogInseePaysNaissance: '99100', codeCogInseeCommuneNaissance: '75056', ine: '1234567890A',
};
const entry = fullBirthDateIdentityEntry({ field: 'Person.x', route: 'identite', provider: 'DSNJ', params: ['nomNaissance', 'prenoms', 'jourDateNaissance', 'codeCogInseeCommuneNaissance'] });
const plan = (s: SubjectIdentity) => (entry.plan as (parent: PersonParent) => unknown)({ consentId: 'c', subject: s });

describe('fullBirthDateIdentityEntry', () => {
  it('loads the route with the declared pivot parameters only (no other identifier)', () => {
    expect(entry).toMatchObject({ field: 'Person.x', load: 'identite' });
    expect(plan(subject)).toEqual({ identite: { nomNaissance: 'MARTIN', prenoms: ['JEAN', 'MICHEL'], jourDateNaissance: 15, codeCogInseeCommuneNaissance: '75056' } });
  });

  it('sends the birth commune only for people born in France', () => {
    expect(plan({ ...subject, codeCogInseePaysNaissance: '99404' })).toEqual({ identite: expect.objectContaining({ codeCogInseeCommuneNaissance: undefined }) });
  });

  it.each(['moisDateNaissance', 'jourDateNaissance'] as const)('without %s: NOT_FOUND missing_identifier before any call', (part) => {
    const { [part]: _dropped, ...partial } = subject;
    expect(() => plan(partial)).toThrow(HubError);
    expect(() => plan(partial)).toThrow(expect.objectContaining({ code: 'NOT_FOUND', extensions: { provider: 'DSNJ', reason: 'missing_identifier' } }) as never);
  });
});
