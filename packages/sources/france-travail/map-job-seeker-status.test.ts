import { describe, expect, it } from '@jest/globals';
import { readStagingCase } from '../fixtures/read-staging-case.js';
import { mapJobSeekerStatus } from './map-job-seeker-status.js';

const folder = 'api_particulier_v3_france_travail_statut_with_identifiant';

describe('mapJobSeekerStatus', () => {
  it('maps every field of the staging "default" case', () => {
    expect(mapJobSeekerStatus(readStagingCase(`${folder}/200.yaml`).body)).toEqual({
      identifier: 'default',
      identity: {
        birthName: 'DUPONT',
        usageName: null,
        firstNames: ['JEAN'],
        sex: 'M',
        birthDate: '1990-01-01',
        birthPlaceCode: null,
        birthCountryCode: null,
      },
      civility: 'M.',
      contact: { email: 'jean.dupont@france.fr', phone: '0636656565', secondaryPhone: null },
      address: {
        recipient: 'DUPONT',
        recipientComplement: 'APPARTEMENT 42',
        addressComplement: null,
        street: '42 RUE DE LA PAIX',
        distributionComplement: null,
        postalCode: '75007',
        locality: '75001 PARIS',
        communeCode: '75107',
      },
      registration: {
        startDate: '2020-01-01',
        endDate: null,
        category: { code: 1, label: 'PERSONNE SANS EMPLOI DISPONIBLE DUREE INDETERMINEE PLEIN TPS' },
        cnavCertificationCode: 'VC',
      },
    });
  });

  it('keeps the end date of a registration that ended', () => {
    const record = mapJobSeekerStatus(readStagingCase(`${folder}/id_123462A_desinscrit_toulouse_2025.yaml`).body);
    expect(record.registration).toMatchObject({ startDate: '2024-09-01', endDate: '2025-09-01' });
  });

  it('reads "Féminin" as F and an unknown spelling as null', () => {
    const body = (sexe: unknown) => ({ data: { identite: { sexe, prenom: 'ANNE' } } });
    expect(mapJobSeekerStatus(body('Féminin')).identity?.sex).toBe('F');
    expect(mapJobSeekerStatus(body('FEMININ')).identity?.sex).toBe('F');
    expect(mapJobSeekerStatus(body('Autre')).identity?.sex).toBeNull();
  });

  it('nulls odd leaves and missing blocks without failing the rest', () => {
    const record = mapJobSeekerStatus({
      data: {
        identifiant: 'x1',
        identite: { date_naissance: '1990-02-30', nom_naissance: 42 },
        inscription: { date_debut: '2021-06-31', categorie: { code: '2', libelle: null } },
      },
    });
    expect(record.identifier).toBe('x1');
    expect(record.identity).toMatchObject({ birthDate: null, birthName: null, firstNames: null });
    expect(record.registration).toEqual({
      startDate: null,
      endDate: null,
      category: { code: 2, label: null },
      cnavCertificationCode: null,
    });
    expect(record.contact).toBeNull();
    expect(record.address).toBeNull();
  });

  it('rejects a body without a data object', () => {
    expect(() => mapJobSeekerStatus({ errors: [] })).toThrow();
    expect(() => mapJobSeekerStatus('garbage')).toThrow();
  });
});
