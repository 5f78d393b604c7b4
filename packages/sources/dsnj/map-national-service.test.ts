import { describe, expect, it } from '@jest/globals';
import { readStagingCase } from '../fixtures/read-staging-case.js';
import { mapNationalService } from './map-national-service.js';

const DIR = 'api_particulier_v3_dsnj_service_national_with_civility';

describe('mapNationalService', () => {
  it.each([
    ['200_en_regle.yaml', 'IN_ORDER', 'Journée Défense et Citoyenneté effectuée le 15/06/2008'],
    ['200_indetermine.yaml', 'UNDETERMINED', 'Situation en cours de traitement'],
    ['200_non_concerne.yaml', 'NOT_CONCERNED', 'Personne née avant 1978, non concernée par les obligations de service national'],
  ])('maps %s', (file, status, comments) => {
    expect(mapNationalService(readStagingCase(`${DIR}/${file}`).body)).toEqual({ status, comments });
  });

  it('reads pas_en_regle, and nulls an undocumented status or a missing comment alone', () => {
    expect(mapNationalService({ data: { statut_service_national: 'pas_en_regle', commentaires: null } })).toEqual({ status: 'NOT_IN_ORDER', comments: null });
    expect(mapNationalService({ data: { statut_service_national: 'exempte', commentaires: 'x' } })).toEqual({ status: null, comments: 'x' });
    expect(mapNationalService({ data: { statut_service_national: 'toString' } }).status).toBeNull();
    expect(mapNationalService({ data: {} })).toEqual({ status: null, comments: null });
  });

  it('refuses a body without data', () => {
    expect(() => mapNationalService({ errors: [] })).toThrow(TypeError);
  });
});
