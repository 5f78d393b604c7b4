import { describe, expect, it } from '@jest/globals';
import { fieldsForScopes, validateIdentifiers } from './identifier-fields.js';

describe('identifier fields', () => {
  it('asks only for what the requested sources need', () => {
    expect(fieldsForScopes(['cnaf_quotient_familial', 'identite_pivot'])).toEqual([]);
    expect(fieldsForScopes(['dgfip_revenu_fiscal_reference']).map((f) => f.name)).toEqual(['numeroFiscal', 'referenceAvis']);
    expect(fieldsForScopes(['pole_emploi_inscription', 'cnous_echelon_bourse']).map((f) => [f.name, f.required])).toEqual([['identifiantFranceTravail', true], ['ine', false]]);
  });

  it('normalises what was typed and names each problem in French', () => {
    const fields = fieldsForScopes(['dgfip_revenu_fiscal_reference', 'mesri_admissions']);
    const ok = validateIdentifiers(fields, new URLSearchParams({ numeroFiscal: '12 3450 9876 543', referenceAvis: '2210 0a12 3456 7', ine: '' }));
    expect(ok.errors).toEqual({});
    expect(ok.values).toEqual({ numeroFiscal: '1234509876543', referenceAvis: '22100A1234567' });
    const bad = validateIdentifiers(fields, new URLSearchParams({ numeroFiscal: '9999', ine: 'x' }));
    expect(bad.errors.numeroFiscal).toMatch(/13 chiffres/);
    expect(bad.errors.referenceAvis).toBe('Indiquez votre référence de l’avis d’impôt.');
    expect(bad.errors.ine).toMatch(/11 caractères/);
    expect(bad.typed.numeroFiscal).toBe('9999');
    expect(bad.values).toEqual({});
  });
});
