import { describe, expect, it } from '@jest/globals';
import { readStagingCase } from '../fixtures/read-staging-case.js';
import { mapStudentStatus } from './map-student-status.js';

describe('mapStudentStatus', () => {
  it('maps the staging INE case, nulling the impossible end date 2021-06-31 only', () => {
    const { body } = readStagingCase('api_particulier_v3_mesri_statut_etudiant_with_ine/ine.yaml');
    expect(mapStudentStatus(body)).toEqual({
      identity: {
        birthName: 'Dupont',
        usageName: null,
        firstNames: ['Jean'],
        sex: null,
        birthDate: '2002-02-01',
        birthPlaceCode: null,
        birthCountryCode: null,
      },
      admissions: [
        {
          startDate: '2020-09-01',
          endDate: null,
          isRegistered: true,
          trainingRegime: { code: 'RF1', label: 'formation initiale' },
          communeCode: '33199',
          institution: { uai: '0332870R', name: 'LPO LYCEE DES METIERS DE LA MER' },
        },
      ],
    });
  });

  it('maps an admitted (not registered) student of the civility route', () => {
    const { body } = readStagingCase('api_particulier_v3_mesri_statut_etudiant_with_civility/civility_etudiant_admis.yml');
    const record = mapStudentStatus(body);
    expect(record.admissions?.length).toBeGreaterThan(0);
    expect(record.admissions?.every((admission) => admission.isRegistered === false)).toBe(true);
  });

  it('gives a null identity when MESRI leaves it out, and skips non-object admissions', () => {
    expect(mapStudentStatus({ data: { admissions: [null, { est_inscrit: 'yes' }] } })).toEqual({
      identity: null,
      admissions: [
        { startDate: null, endDate: null, isRegistered: null, trainingRegime: null, communeCode: null, institution: null },
      ],
    });
    expect(mapStudentStatus({ data: {} }).admissions).toBeNull();
  });

  it('rejects a body without data', () => {
    expect(() => mapStudentStatus(null)).toThrow();
  });
});
