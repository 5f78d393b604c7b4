import { describe, expect, it } from '@jest/globals';
import { readStagingCase } from '../fixtures/read-staging-case.js';
import { mapScholarshipStatus } from './map-scholarship-status.js';

describe('mapScholarshipStatus', () => {
  it('maps every field of the staging civility case', () => {
    const { body } = readStagingCase('api_particulier_v3_cnous_etudiant_boursier_with_civility/civility.yml');
    expect(mapScholarshipStatus(body)).toEqual({
      isScholarshipHolder: true,
      isStruckOff: null,
      struckOffDate: null,
      grade: { grade: '5', regionalProvisional: false },
      email: 'marcel@pagnol.fr',
      paymentPeriod: { startDate: '2020-09-01', durationMonths: 12 },
      studyPlace: { city: 'Evry', institutionName: 'ENSIIE' },
      identity: {
        birthName: 'PAGNOL',
        usageName: null,
        firstNames: ['MARCEL'],
        sex: 'M',
        birthDate: '1998-07-12',
        birthPlaceCode: null,
        birthCountryCode: null,
      },
      birthPlaceName: 'Paris',
    });
  });

  it('reads v4 statut_boursier: holder, struck off and the date', () => {
    const { body } = readStagingCase('api_particulier_v4_cnous_etudiant_boursier_with_ine/200_radie.yaml');
    expect(mapScholarshipStatus(body)).toMatchObject({ isScholarshipHolder: false, isStruckOff: true, struckOffDate: '2023-12-01' });
  });

  it('tolerates missing blocks, a space-separated prenoms string and v4 statut_boursier', () => {
    const record = mapScholarshipStatus({
      data: { statut_boursier: { est_boursier: false }, identite: { prenoms: 'ANNE MARIE', date_naissance: '2001-02-29' } },
    });
    expect(record).toMatchObject({
      isScholarshipHolder: false,
      grade: null,
      email: null,
      paymentPeriod: null,
      studyPlace: null,
      identity: { firstNames: ['ANNE', 'MARIE'], birthDate: null, sex: null },
    });
  });

  it('rejects a body without data', () => {
    expect(() => mapScholarshipStatus({})).toThrow();
  });
});
