import { describe, expect, it } from '@jest/globals';
import type { JournalEntry } from '@hub/core';
import { buildAccessLogPage } from './access-log-view.js';

function entry(seq: number, overrides: Partial<JournalEntry> = {}): JournalEntry {
  return {
    seq, id: `e${seq}`, recordedAt: new Date(Date.UTC(2025, 0, 15, 8, 30)), prevHash: '', hash: '',
    requestId: 'r', operatorId: 'op-1', tokenJti: 'j', consentId: 'c', subjectRef: 's', purpose: 'Tarif de la cantine',
    releasedFields: ['person.family.familyQuotient.value'], releasedScopes: ['cnaf_quotient_familial'], upstreamCalls: [], deniedFields: [],
    ...overrides,
  };
}

const operators = new Map([['op-1', { name: 'Mairie de Testville', siret: '21750001600019' }]]);

describe('buildAccessLogPage', () => {
  it('shows who, when in Paris time, why and which data in plain French', () => {
    const page = buildAccessLogPage([entry(7)], operators, 20);
    expect(page.nextBefore).toBeNull();
    expect(page.items).toEqual([{
      seq: 7,
      recordedAt: '2025-01-15T08:30:00.000Z',
      when: 'mercredi 15 janvier 2025 à 09:30',
      operator: { id: 'op-1', name: 'Mairie de Testville', siret: '21750001600019' },
      purpose: 'Tarif de la cantine',
      consentKind: null,
      data: [{ scope: 'cnaf_quotient_familial', label: 'Quotient familial (CAF ou MSA)', source: 'Caisse d’allocations familiales ou Mutualité sociale agricole' }],
    }]);
  });

  it('says when the consent was given at FranceConnect', () => {
    const [item] = buildAccessLogPage([entry(3, { consentKind: 'franceconnect', franceConnectJti: 'a'.repeat(64), consentId: 'franceconnect' })], operators, 20).items;
    expect(item!.consentKind).toBe('franceconnect');
  });

  it('uses summer time in July', () => {
    const [item] = buildAccessLogPage([entry(1, { recordedAt: new Date(Date.UTC(2025, 6, 14, 22, 5)) })], operators, 20).items;
    expect(item!.when).toBe('mardi 15 juillet 2025 à 00:05');
  });

  it('pages with one extra entry: the last shown seq is the next bound', () => {
    const page = buildAccessLogPage([entry(9), entry(8), entry(5)], operators, 2);
    expect(page.items.map((i) => i.seq)).toEqual([9, 8]);
    expect(page.nextBefore).toBe(8);
  });

  it('keeps unknown scopes and operators visible instead of hiding the release', () => {
    const [item] = buildAccessLogPage([entry(1, { operatorId: 'gone', releasedScopes: ['old_scope', 'old_scope'] })], operators, 20).items;
    expect(item!.operator).toEqual({ id: 'gone', name: null, siret: null });
    expect(item!.data).toEqual([{ scope: 'old_scope', label: 'Donnée « old_scope »', source: 'Source non précisée' }]);
  });

  it('names the scopes of the new sources', () => {
    const page = buildAccessLogPage([entry(9, { releasedScopes: ['sdh_statut_sportif_informations_statut', 'eaje_adresse', 'gip_mds_service_civique_dates'] })], operators, 20);
    expect(page.items[0]?.data).toEqual([
      { scope: 'sdh_statut_sportif_informations_statut', label: 'Détail du statut en cours (période, fédération, catégorie)', source: 'Ministère des Sports (sportifs de haut niveau)' },
      { scope: 'eaje_adresse', label: 'Adresse du foyer allocataire (tarif de crèche)', source: 'Caisse d’allocations familiales (tarif de crèche)' },
      { scope: 'gip_mds_service_civique_dates', label: 'Dates du contrat de service civique', source: 'Agence du service civique' },
    ]);
  });
});
