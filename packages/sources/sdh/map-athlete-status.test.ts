import { describe, expect, it } from '@jest/globals';
import { readStagingCase } from '../fixtures/read-staging-case.js';
import { mapAthleteStatus } from './map-athlete-status.js';

describe('mapAthleteStatus', () => {
  it('maps the staging athlete exactly', () => {
    expect(mapAthleteStatus(readStagingCase('api_particulier_v3_sdh_statut_sportif_with_identifiant/200.yaml').body)).toEqual({
      identity: { birthName: 'Dupont', usageName: 'Martin', firstNames: ['Jean', 'Claude'], sex: 'M', birthDate: '1990-05-15', birthPlaceCode: null, birthCountryCode: null },
      isHighLevelAthlete: true,
      wasHighLevelAthlete: true,
      currentStatus: {
        recordNumber: null,
        startDate: '2023-01-01',
        endDate: '2025-09-30',
        federation: { code: '29', name: 'fédération française de handball', shortName: 'HANDBALL' },
        establishment: { code: '2075', name: 'Maison de la Performance Nouvelle-Aquitaine' },
        region: { code: '75', name: 'Nouvelle-Aquitaine' },
        category: { code: '2', name: 'elite', value: '4' },
        isHighLevel: true,
      },
      previousStatuses: [{
        recordNumber: 789456,
        startDate: '2021-01-01',
        endDate: '2022-12-31',
        federation: { code: '69', name: 'Fédération Française de Triathlon et Disciplines Enchaînées', shortName: 'TRIATHLON' },
        establishment: { code: '1093', name: 'Maison de la Performance Occitanie' },
        region: { code: '76', name: 'Occitanie' },
        category: { code: '4', name: 'Elite', value: '128' },
        isHighLevel: true,
      }],
    });
  });

  it('survives impossible dates, missing blocks and odd list items', () => {
    const record = mapAthleteStatus({
      data: {
        est_sportif_de_haut_niveau: 'true',
        informations_statut: { periode: { date_debut_statut: '2021-06-31' }, federation: 'HANDBALL' },
        informations_statuts_precedents: [null, { fiche: '12', periode: null }],
      },
    });
    expect(record.identity).toBeNull();
    expect(record.isHighLevelAthlete).toBeNull();
    expect(record.currentStatus).toMatchObject({ startDate: null, endDate: null, federation: null, region: null, isHighLevel: null });
    expect(record.previousStatuses).toEqual([expect.objectContaining({ recordNumber: 12, startDate: null })]);
    expect(mapAthleteStatus({ data: {} }).previousStatuses).toBeNull();
  });
});
