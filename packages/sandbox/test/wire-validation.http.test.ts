import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { expect } from '../../../test/support/expect.js';
import { startHarness, type Harness, type Reply } from './sandbox-harness.js';

/* Parameter validation as API Particulier does it, with its error codes. */

const QF = '/v3/dss/quotient_familial/identite';
const AAH = '/v3/dss/allocation_adulte_handicape/identite';
const julien = {
  nomNaissance: 'LAMBERT',
  prenoms: ['JULIEN'],
  sexeEtatCivil: 'M',
  anneeDateNaissance: 1982,
  moisDateNaissance: 7,
  codeCogInseePaysNaissance: '99100',
  codeCogInseeCommuneNaissance: '69123',
};
const code = (reply: Reply) => (reply.json as { errors: Array<{ code: string }> }).errors[0]?.code;

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(() => harness.close());

describe('token and recipient', () => {
  it('requires the Bearer token (00101)', async () => {
    for (const token of [null, 'wrong']) {
      const reply = await harness.get(QF, julien, { token });
      expect(reply.status).toBe(401);
      expect(code(reply)).toBe('00101');
    }
    const dgfip = await harness.get('/api/v2/avis-imposition', { numeroFiscal: '3012345678901', referenceAvis: '2569123456701' }, { token: null });
    expect(dgfip.status).toBe(401);
    expect(dgfip.json).toMatchObject({ error: 'unauthorized' });
  });

  it('requires a recipient (00203) that is a valid SIRET (00210)', async () => {
    const missing = await harness.get(QF, julien, { recipient: null });
    expect([missing.status, code(missing)]).toEqual([422, '00203']);
    const invalid = await harness.get(QF, julien, { recipient: '13002526500014' });
    expect([invalid.status, code(invalid)]).toEqual([422, '00210']);
    expect((await harness.get(QF, julien, { recipient: '35600000000001' })).status).toBe(200); // La Poste
  });
});

describe('identity pivot (CNAV)', () => {
  it('finds the allocataire with the commune code or the name + département + year triplet', async () => {
    expect((await harness.get(QF, julien)).status).toBe(200);
    const { codeCogInseeCommuneNaissance: _, ...withoutCode } = julien;
    const triplet = await harness.get(QF, { ...withoutCode, nomCommuneNaissance: 'Lyon', codeCogInseeDepartementNaissance: '69' });
    expect(triplet.status).toBe(200);
  });

  it.each([
    ['no sex', { sexeEtatCivil: undefined }, '00427'],
    ['an unknown sex', { sexeEtatCivil: 'X' }, '00366'],
    ['no birth country', { codeCogInseePaysNaissance: undefined }, '00366'],
    ['born in France without a commune', { codeCogInseeCommuneNaissance: undefined }, '00366'],
    ['no given name', { prenoms: [] }, '00366'],
    ['four given names', { prenoms: ['A', 'B', 'C', 'D'] }, '00366'],
    ['month 13', { moisDateNaissance: 13 }, '00366'],
  ])('refuses %s', async (_what, change, expected) => {
    const reply = await harness.get(QF, { ...julien, ...change });
    expect(reply.status).toBe(422);
    expect(code(reply)).toBe(expected);
  });

  it('does not guess between homonyms, and needs a birth year', async () => {
    // Two Jean MARTEL born in Nantes in 1980, both known to the CNAV.
    const martel = { nomNaissance: 'MARTEL', prenoms: ['JEAN'], sexeEtatCivil: 'M', anneeDateNaissance: 1980, codeCogInseePaysNaissance: '99100', codeCogInseeCommuneNaissance: '44109' };
    const both = await harness.get(AAH, martel);
    expect([both.status, code(both)]).toEqual([404, '37003']);
    const november = await harness.get(AAH, { ...martel, moisDateNaissance: 11 });
    expect(november.status).toBe(200);
    expect(november.json).toEqual({ data: { est_beneficiaire: false, date_debut_droit: null }, links: {}, meta: {} });
    const noYear = await harness.get(QF, { ...julien, anneeDateNaissance: undefined, moisDateNaissance: undefined });
    expect([noYear.status, code(noYear)]).toEqual([404, '37003']);
  });

  it('answers a CNAF family with the requested quotient month', async () => {
    const reply = await harness.get(QF, { ...julien, annee: 2025, mois: 3 });
    expect((reply.json as { data: { quotient_familial: unknown } }).data.quotient_familial).toEqual({
      fournisseur: 'CNAF', valeur: 780, annee: 2025, mois: 3, annee_calcul: 2025, mois_calcul: 3,
    });
  });
});

describe('other routes', () => {
  it('validates the INE (00360) on MESRI and CNOUS', async () => {
    for (const route of ['/v3/mesri/statut_etudiant/ine', '/v3/cnous/etudiant_boursier/ine']) {
      for (const ine of ['12345', '12345678901', 'ABCDEFGHIJK']) {
        const reply = await harness.get(route, { ine });
        expect([reply.status, code(reply)]).toEqual([422, '00360']);
      }
    }
    expect((await harness.get('/v3/mesri/statut_etudiant/ine', { ine: '070512345HK' })).status).toBe(200);
  });

  it('keeps the impossible date the upstream data carries', async () => {
    const reply = await harness.get('/v3/mesri/statut_etudiant/ine', { ine: '070512345HK' });
    expect(reply.text).toContain('"date_fin":"2021-06-31"');
  });

  it('requires the France Travail identifiant (00380) and answers 24003 for an unknown one', async () => {
    const missing = await harness.get('/v3/france_travail/statut/identifiant', {});
    expect([missing.status, code(missing)]).toEqual([422, '00380']);
    const unknown = await harness.get('/v3/france_travail/indemnites/identifiant', { identifiant: 'ZZZ999' });
    expect([unknown.status, code(unknown)]).toEqual([404, '24003']);
  });

  it('refuses a MEN school and a perimeter together (00419)', async () => {
    const emma = { nomNaissance: 'LAMBERT', prenoms: ['EMMA'], sexeEtatCivil: 'F', anneeDateNaissance: 2012, moisDateNaissance: 9, jourDateNaissance: 14, anneeScolaire: '2025-2026' };
    const both = await harness.get('/v3/men/scolarites/identite', { ...emma, codeEtablissement: '0690028K', codesBcnDepartements: ['069'] });
    expect([both.status, code(both)]).toEqual([422, '00419']);
    const bySchool = await harness.get('/v3/men/scolarites/identite', { ...emma, codeEtablissement: '0690028K' });
    expect(bySchool.status).toBe(200);
    expect((bySchool.json as { data: { annee_scolaire: string } }).data.annee_scolaire).toBe('2025-2026');
    const elsewhere = await harness.get('/v3/men/scolarites/identite', { ...emma, codeEtablissement: '0750611G' });
    expect([elsewhere.status, code(elsewhere)]).toEqual([404, '30003']);
  });

  it('checks DGFIP parameters and accepts a 14-character dégrèvement reference', async () => {
    const route = '/api/v2/avis-imposition';
    const bad = await harness.get(route, { numeroFiscal: '123', referenceAvis: '2569123456701' });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ error: 'bad_request' });
    const unknown = await harness.get(route, { numeroFiscal: '3012345678901', referenceAvis: '2500000000000' });
    expect(unknown.status).toBe(404);
    expect(unknown.json).toMatchObject({ error: 'not_found' });
    const degrevement = await harness.get(route, { numeroFiscal: '2121212121211', referenceAvis: '25212121212110' });
    expect(degrevement.status).toBe(200);
    const single = await harness.get(route, { numeroFiscal: '2456789012345', referenceAvis: '2524567890123' });
    expect((single.json as { declarant2: unknown }).declarant2).toEqual({ nom: '', nomNaissance: '', prenoms: '', dateNaissance: '' });
    expect((single.json as { montantImpot: unknown }).montantImpot).toBeNull();
  });

  it('answers 404 off the routes and 405 for other methods', async () => {
    expect((await harness.request('GET', '/v3/nope')).status).toBe(404);
    expect((await harness.request('POST', QF)).status).toBe(405);
  });
});
