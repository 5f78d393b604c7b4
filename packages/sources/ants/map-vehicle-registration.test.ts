import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { readStagingCase } from '../fixtures/read-staging-case.js';
import { mapVehicleRegistration } from './map-vehicle-registration.js';

const DIR = 'api_particulier_v3_ants_extrait_immatriculation_vehicule_with_france_connect';
const found = readdirSync(fileURLToPath(new URL(`../fixtures/siade-staging/${DIR}/`, import.meta.url))).filter((f) => readStagingCase(`${DIR}/${f}`).status === 200);

describe('mapVehicleRegistration', () => {
  it('maps the Parisian VP exactly', () => {
    expect(mapVehicleRegistration(readStagingCase(`${DIR}/1_Parisien_VP_ES.yaml`).body)).toEqual({
      holder: {
        lastName: 'CIS CINQUANTESEPT', firstName: 'PRENOM CHARLES', sex: 'M', birthDate: '1960-04-19',
        birthYear: 1960, birthMonth: 4, birthDay: 19, birthDepartmentCode: '70',
      },
      holderAddress: {
        complement: null, streetNumber: '8', streetNumberExtension: null, streetType: 'RUE', streetName: 'JULIEN LACROIX',
        floorStairsApartment: null, locality: null, postalCode: '75020', city: 'PARIS', country: 'FRANCE',
      },
      holderStatus: 'HOLDER',
      registration: { number: 'TM-001-KB', firstRegistrationDate: '2017-01-19', leaseStatus: null },
      technicalCharacteristics: {
        make: 'MAZDA', typeVariantVersion: 'CR1L8DXFABAAAAN', commercialName: 'MAZDA', maxLadenMass: 2090,
        category: { code: 'M1', label: 'Véhicule de transport de personnes comportant au maximum 8 places assises outre le siège du conducteur' },
        nationalType: { code: 'VP', label: 'Véhicule Particulier' },
        engineCapacity: 1798,
        fuelType: { code: 'ES', label: 'Essence' },
        co2Emissions: 190,
        environmentalClass: { code: 'Euro 4', label: "Norme européenne d'émission Euro 4" },
      },
      identityMatch: { familyName: 1, givenName: 1, birthDate: 1, overall: true },
    });
  });

  it.each(found)('carries the values of %s', (file) => {
    const body = readStagingCase(`${DIR}/${file}`).body as { data: Record<string, Record<string, unknown>> };
    const record = mapVehicleRegistration(body);
    expect(record.registration?.number).toBe(body.data.donnees_immatriculation_vehicule!.numero_immatriculation);
    expect(record.holder?.lastName).toBe(body.data.identite_particulier!.nom);
    expect(record.holderAddress?.city).toBe(body.data.adresse_particulier!.libelle_commune);
    expect(record.technicalCharacteristics?.make).toBe(body.data.caracteristiques_techniques_vehicule!.marque);
    expect(record.holderStatus).not.toBeNull();
  });

  it('reads the lessee and its lease', () => {
    const record = mapVehicleRegistration(readStagingCase(`${DIR}/france_connect_extrait_immatriculation_vehicule_locataire.yaml`).body);
    expect(record.holderStatus).toBe('LESSEE');
    expect(record.registration?.leaseStatus).toEqual({ code: 'LLD', label: 'Location Longue Durée' });
    expect(record.holderAddress?.complement).toBe('Résidence Jeunes');
  });

  it('survives an impossible birth date, null parts, missing blocks and meta', () => {
    const record = mapVehicleRegistration({
      data: {
        identite_particulier: { nom: 'X', annee_date_naissance: 1990, mois_date_naissance: 2, jour_date_naissance: 31 },
        donnees_immatriculation_vehicule: { date_premiere_immatriculation: '2021-06-31', statut_location: null },
        statut_rattachement: 'proprietaire',
        caracteristiques_techniques_vehicule: { masse_charge_maximale: '2090', type_carburant: { code: 'ES' } },
      },
    });
    expect(record.holder).toMatchObject({ lastName: 'X', birthDate: null, birthYear: 1990, birthMonth: 2, birthDay: 31 });
    expect(mapVehicleRegistration({ data: { identite_particulier: { mois_date_naissance: null } } }).holder?.birthDate).toBeNull();
    expect(record.registration).toEqual({ number: null, firstRegistrationDate: null, leaseStatus: null });
    expect(record.holderStatus).toBeNull();
    expect(record.technicalCharacteristics).toMatchObject({ maxLadenMass: null, fuelType: { code: 'ES', label: null } });
    expect(record.holderAddress).toBeNull();
    expect(record.identityMatch).toBeNull();
  });
});
