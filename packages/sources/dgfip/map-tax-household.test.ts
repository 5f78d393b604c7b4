import { describe, expect, it } from '@jest/globals';
import { readStagingCase } from '../fixtures/read-staging-case.js';
import { mapTaxHousehold } from './map-tax-household.js';

const staging = readStagingCase('api_particulier_v2_dgfip_situation_ir/200.yaml').body as Record<string, unknown>;

describe('mapTaxHousehold', () => {
  it('maps every field of the staging notice', () => {
    const household = mapTaxHousehold(staging);
    expect(household).toEqual({
      kind: 'tax',
      adults: [
        {
          birthName: 'DUPONT',
          usageName: 'DUPONT',
          firstNames: ['JEAN', 'MARTIN'],
          sex: null,
          birthDate: '1980-01-19',
          birthPlaceCode: null,
          birthCountryCode: null,
        },
      ],
      children: null,
      address: { recipient: null, lines: ['42 RUE DE LA PAIX'], postalCode: '75002', city: 'PARIS', country: null },
      fiscalAddress: '42 RUE DE LA PAIX 75002 PARIS',
      fiscalAddressYear: 2022,
      declarant1: { usageName: 'DUPONT', birthName: 'DUPONT', firstNames: ['JEAN', 'MARTIN'], birthDate: '1980-01-19' },
      declarant2: null,
      taxNotice: {
        referenceTaxIncome: 9001,
        taxShares: 1,
        dependents: 1,
        familySituation: 'Célibataire',
        grossIncome: 9001,
        taxableIncome: 9001,
        netTaxBeforeCorrections: null,
        taxAmount: 100,
        taxYear: 2022,
        incomeYear: 2021,
        correctiveNotice: null,
        partialSituation: null,
        collectionDate: '2022-07-31',
        assessmentDate: '2022-07-08',
      },
    });
  });

  it('gives a second adult when declarant2 is filled, and keeps fractional shares', () => {
    const household = mapTaxHousehold({
      ...staging,
      nombreParts: 2.5,
      declarant2: { nom: 'DUPONT', nomNaissance: 'MARTIN', prenoms: 'MARIE', dateNaissance: '02/03/1982' },
    });
    expect(household.adults.map((a) => a.birthName)).toEqual(['DUPONT', 'MARTIN']);
    expect(household.declarant2).toEqual({ usageName: 'DUPONT', birthName: 'MARTIN', firstNames: ['MARIE'], birthDate: '1982-03-02' });
    expect(household.taxNotice.taxShares).toBe(2.5);
  });

  it('survives oddities: impossible dates, missing blocks, corrective and partial notices', () => {
    const household = mapTaxHousehold({
      ...staging,
      dateRecouvrement: '31/06/2022',
      foyerFiscal: undefined,
      declarant2: undefined,
      montantImpot: null,
      erreurCorrectif: 'Avis correctif',
      situationPartielle: 'Situation au 01/05/2021',
    });
    expect(household.taxNotice.collectionDate).toBeNull();
    expect(household.taxNotice.assessmentDate).toBe('2022-07-08');
    expect(household.address).toBeNull();
    expect(household.fiscalAddressYear).toBeNull();
    expect(household.declarant2).toBeNull();
    expect(household.taxNotice.taxAmount).toBeNull();
    expect(household.taxNotice.correctiveNotice).toBe('Avis correctif');
    expect(household.taxNotice.partialSituation).toBe('Situation au 01/05/2021');
  });

  it('keeps an address it cannot split as a single line', () => {
    const household = mapTaxHousehold({ ...staging, foyerFiscal: { adresse: 'LIEU-DIT LES PINS', annee: 2022 } });
    expect(household.address).toEqual({ recipient: null, lines: ['LIEU-DIT LES PINS'], postalCode: null, city: null, country: null });
  });

  it('splits a multi-line address into lines', () => {
    const household = mapTaxHousehold({ ...staging, foyerFiscal: { adresse: 'APPT 12\n3 RUE BASSE\n69001 LYON', annee: 2022 } });
    expect(household.address).toMatchObject({ lines: ['APPT 12', '3 RUE BASSE'], postalCode: '69001', city: 'LYON' });
  });

  it('refuses a body that is not an object', () => {
    expect(() => mapTaxHousehold('<html>')).toThrow(TypeError);
  });
});
