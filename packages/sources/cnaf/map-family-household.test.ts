import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { readStagingCase } from '../fixtures/read-staging-case.js';
import { mapFamilyHousehold } from './map-family-household.js';

const DIR = 'api_particulier_v3_cnav_quotient_familial_with_civility';
const cases = readdirSync(fileURLToPath(new URL(`../fixtures/siade-staging/${DIR}/`, import.meta.url))).filter((f) => f.startsWith('200'));

type WirePerson = { nom_naissance: string; nom_usage: string | null; prenoms: string; date_naissance: string; sexe: string };

describe('mapFamilyHousehold', () => {
  it('has staging cases to check', () => {
    expect(cases.length).toBeGreaterThan(10);
  });

  it.each(cases)('carries every value of %s', (file) => {
    const data = (readStagingCase(`${DIR}/${file}`).body as { data: Record<string, unknown> }).data;
    const household = mapFamilyHousehold({ data });
    const qf = data.quotient_familial as Record<string, unknown>;
    expect(household.familyQuotient).toEqual({
      value: qf.valeur,
      year: qf.annee,
      month: qf.mois,
      computedYear: qf.annee_calcul,
      computedMonth: qf.mois_calcul,
      provider: qf.fournisseur,
    });
    expect(household.provider).toBe(qf.fournisseur);
    const asIdentity = (p: WirePerson) => ({
      birthName: p.nom_naissance,
      usageName: p.nom_usage,
      firstNames: p.prenoms.split(' '),
      sex: p.sexe,
      birthDate: p.date_naissance,
      birthPlaceCode: null,
      birthCountryCode: null,
    });
    expect(household.adults).toEqual((data.allocataires as WirePerson[]).map(asIdentity));
    expect(household.children).toEqual(((data.enfants as WirePerson[] | undefined) ?? []).map((c) => ({ identity: asIdentity(c) })));
    const address = data.adresse as Record<string, string | null>;
    expect(household.address?.recipient).toBe(address.destinataire);
    expect(household.address?.country).toBe(address.pays);
    expect(`${household.address?.postalCode} ${household.address?.city}`).toBe(address.code_postal_ville);
    expect(household.address?.lines).toContain(address.numero_libelle_voie);
  });

  it('maps the MSA couple of September 2024 exactly, address lines in postal order', () => {
    const household = mapFamilyHousehold(readStagingCase(`${DIR}/200-couple-2_enfants-qf_msa_150_sept2024.yaml`).body);
    expect(household.kind).toBe('family');
    expect(household.provider).toBe('MSA');
    expect(household.address).toEqual({
      recipient: 'Monsieur MARTIN Pierre',
      lines: ['Bâtiment B', 'Résidence Alouette', '12 AVENUE DU GÉNÉRAL DE GAULLE'],
      postalCode: '51000',
      city: 'CHÂLONS-EN-CHAMPAGNE',
      country: 'FRANCE',
    });
  });

  it('survives oddities: impossible date, missing blocks, unknown provider, foreign postal line', () => {
    const household = mapFamilyHousehold({
      data: {
        quotient_familial: { fournisseur: 'CAF', valeur: '12', annee: 2024, mois: 9, annee_calcul: null, mois_calcul: 12 },
        allocataires: [{ nom_naissance: 'X', nom_usage: null, prenoms: '', date_naissance: '2021-06-31', sexe: 'X' }],
        adresse: { destinataire: 'M X', numero_libelle_voie: null, code_postal_ville: 'CH-1200 GENÈVE', pays: 'SUISSE' },
      },
    });
    expect(household.familyQuotient).toEqual({ value: 12, year: 2024, month: 9, computedYear: null, computedMonth: 12, provider: null });
    expect(household.provider).toBeNull();
    expect(household.adults).toEqual([
      { birthName: 'X', usageName: null, firstNames: null, sex: null, birthDate: null, birthPlaceCode: null, birthCountryCode: null },
    ]);
    expect(household.children).toEqual([]);
    expect(household.address).toEqual({ recipient: 'M X', lines: ['CH-1200 GENÈVE'], postalCode: null, city: null, country: 'SUISSE' });

    const bare = mapFamilyHousehold({ data: {} });
    expect(bare).toEqual({ kind: 'family', adults: null, children: [], address: null, familyQuotient: null, provider: null });
  });

  it('refuses a body without data', () => {
    expect(() => mapFamilyHousehold({ errors: [] })).toThrow(TypeError);
  });
});
