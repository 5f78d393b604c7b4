import { describe, expect, it } from '@jest/globals';
import { readStagingCase } from '../fixtures/read-staging-case.js';
import { mapSchooling } from './map-schooling.js';

const folder = 'api_particulier_v3_men_scolarites_with_civility';

describe('mapSchooling', () => {
  it('maps every field of a staging case', () => {
    expect(mapSchooling(readStagingCase(`${folder}/boursier_garcia.yaml`).body)).toEqual({
      identity: {
        birthName: 'Garcia',
        usageName: null,
        firstNames: ['Mateo'],
        sex: 'M',
        birthDate: '2012-03-07',
        birthPlaceCode: null,
        birthCountryCode: null,
      },
      isEnrolled: true,
      pupilStatus: { code: 'ST', label: 'Scolaire' },
      schoolYear: '2024-2025',
      isScholarshipHolder: true,
      // est_boursier true but echelon_bourse null in this case: passed on as null.
      scholarshipGrade: null,
      school: { uai: '0130032P', name: 'Collège Collines Durance', ministryCode: '06' },
      trainingModule: { code: '20010000210', label: '4EME' },
    });
  });

  it('gives a null school name when MEN leaves it out (staging 200.yaml)', () => {
    const record = mapSchooling(readStagingCase(`${folder}/200.yaml`).body);
    expect(record.school).toEqual({ uai: '0210015C', name: null, ministryCode: '06' });
    expect(record.scholarshipGrade).toBe(1);
  });

  it('tolerates missing blocks and rejects a body without data', () => {
    expect(mapSchooling({ data: { est_scolarise: false } })).toMatchObject({ isEnrolled: false, identity: null, school: null, trainingModule: null });
    expect(() => mapSchooling([])).toThrow();
  });
});
