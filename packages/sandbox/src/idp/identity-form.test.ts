import { describe, expect, it } from '@jest/globals';
import { parseIdentityForm } from './identity-form.js';

const NOW = new Date(Date.UTC(2025, 5, 1));

function form(fields: Record<string, string>): URLSearchParams {
  return new URLSearchParams({
    nomNaissance: 'Dupont',
    prenoms: 'Jean  Pierre',
    sexeEtatCivil: 'M',
    dateNaissance: '1970-12-31',
    codeCogInseePaysNaissance: '99100',
    codeCogInseeCommuneNaissance: '2a004',
    ...fields,
  });
}

describe('parseIdentityForm', () => {
  it('builds an API Particulier v3 identity pivot', () => {
    expect(parseIdentityForm(form({ nomUsage: 'Martin' }), NOW)).toEqual({
      ok: true,
      identity: {
        nomNaissance: 'Dupont',
        nomUsage: 'Martin',
        prenoms: ['Jean', 'Pierre'],
        sexeEtatCivil: 'M',
        anneeDateNaissance: 1970,
        moisDateNaissance: 12,
        jourDateNaissance: 31,
        codeCogInseePaysNaissance: '99100',
        codeCogInseeCommuneNaissance: '2A004',
      },
    });
  });

  it('reads a hand-typed JJ/MM/AAAA date and accepts names with accents, hyphens and apostrophes', () => {
    const result = parseIdentityForm(form({ dateNaissance: '29/02/2000', nomNaissance: 'N’Diaye-Lefèvre', prenoms: "Zoé Anne-Sophie" }), NOW);
    expect(result).toMatchObject({ ok: true, identity: { anneeDateNaissance: 2000, moisDateNaissance: 2, jourDateNaissance: 29 } });
  });

  it('leaves out the commune of a person born abroad and refuses one when given', () => {
    const abroad = parseIdentityForm(form({ codeCogInseePaysNaissance: '99243', codeCogInseeCommuneNaissance: '' }), NOW);
    expect(abroad.ok && abroad.identity).not.toHaveProperty('codeCogInseeCommuneNaissance');
    expect(parseIdentityForm(form({ codeCogInseePaysNaissance: '99243' }), NOW)).toEqual({
      ok: false,
      errors: [{ field: 'codeCogInseeCommuneNaissance', message: expect.stringContaining('étranger') }],
    });
  });

  it.each([
    ['nomNaissance', { nomNaissance: '' }],
    ['nomNaissance', { nomNaissance: 'D0pont' }],
    ['nomUsage', { nomUsage: '<b>' }],
    ['prenoms', { prenoms: '   ' }],
    ['sexeEtatCivil', { sexeEtatCivil: 'X' }],
    ['dateNaissance', { dateNaissance: '2001-02-29' }],
    ['dateNaissance', { dateNaissance: '1899-12-31' }],
    ['dateNaissance', { dateNaissance: '2025-06-02' }],
    ['dateNaissance', { dateNaissance: 'hier' }],
    ['codeCogInseePaysNaissance', { codeCogInseePaysNaissance: '100' }],
    ['codeCogInseeCommuneNaissance', { codeCogInseeCommuneNaissance: '' }],
    ['codeCogInseeCommuneNaissance', { codeCogInseeCommuneNaissance: '7505' }],
  ])('reports a French error on %s (%o)', (field, fields) => {
    const result = parseIdentityForm(form(fields), NOW);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.field)).toEqual([field]);
  });

  it('reports every problem at once', () => {
    const result = parseIdentityForm(new URLSearchParams(), NOW);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors.map((e) => e.field)).toEqual([
        'nomNaissance',
        'prenoms',
        'sexeEtatCivil',
        'dateNaissance',
        'codeCogInseePaysNaissance',
      ]);
    }
  });
});
