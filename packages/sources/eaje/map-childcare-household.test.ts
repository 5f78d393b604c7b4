import { describe, expect, it } from '@jest/globals';
import { readStagingCase } from '../fixtures/read-staging-case.js';
import { mapChildcareHousehold } from './map-childcare-household.js';

describe('mapChildcareHousehold', () => {
  it('maps the staging household exactly', () => {
    const household = mapChildcareHousehold(readStagingCase('api_particulier_v3_cnav_participation_familiale_eaje_with_civility/200-identite-cas-nominal.yaml').body);
    const person = (firstNames: string[]) => ({
      birthName: 'LEFEBVRE', usageName: null, firstNames, sex: 'M', birthDate: '2000-01-20', birthPlaceCode: '75113', birthCountryCode: null,
    });
    expect(household).toEqual({
      kind: 'childcare',
      adults: [person(['JEAN-PIERRE', 'THOMAS'])],
      children: [{ identity: person(['JEAN-PIERRE', 'THOMAS', 'JUNIOR']) }],
      address: { recipient: 'Monsieur JEAN JACQUES LEFEBVRE', lines: ['1 RUE DE LA GARE'], postalCode: '75002', city: null, country: 'FRANCE' },
      feeParameters: { dependentChildren: 1, childrenWithAeeh: 1, annualResources: 40923, annualResourcesYear: 2023 },
    });
  });

  it('survives impossible dates, missing blocks and odd types', () => {
    const household = mapChildcareHousehold({
      data: {
        allocataires: [{ nom_naissance: 'X', date_naissance: '2021-06-31', sexe: 'H' }],
        adresse: { code_postal_ville: '69003 LYON' },
        parametres_calcul_participation_familiale: { nombre_enfants_a_charge: '2', base_ressources_annuelles: null },
      },
    });
    expect(household.adults?.[0]).toMatchObject({ birthName: 'X', birthDate: null, sex: null });
    expect(household.children).toEqual([]);
    expect(household.address).toMatchObject({ postalCode: '69003', city: 'LYON', lines: null });
    expect(household.feeParameters).toEqual({ dependentChildren: 2, childrenWithAeeh: null, annualResources: null, annualResourcesYear: null });
    expect(mapChildcareHousehold({ data: {} })).toMatchObject({ adults: null, address: null, feeParameters: null });
  });
});
