import { describe, expect, it } from '@jest/globals';
import { readStagingCase } from '../fixtures/read-staging-case.js';
import { mapJobSeekerPayments } from './map-job-seeker-payments.js';

describe('mapJobSeekerPayments', () => {
  it('maps the staging payments in order, cents kept', () => {
    const { body } = readStagingCase('api_particulier_v3_france_travail_indemnites_with_identifiant/200.yaml');
    expect(mapJobSeekerPayments(body)).toEqual([
      { date: '2021-01-01', totalAmount: 123.4, allowancesAmount: 123.4, aidsAmount: 0, otherAmount: 0 },
      { date: '2021-02-01', totalAmount: 345.1, allowancesAmount: 345.1, aidsAmount: 0, otherAmount: 0 },
    ]);
  });

  it('gives null for a missing list, [] for an empty one, and skips non-object items', () => {
    expect(mapJobSeekerPayments({ data: { identifiant: 'x' } })).toBeNull();
    expect(mapJobSeekerPayments({ data: { paiements: [] } })).toEqual([]);
    expect(mapJobSeekerPayments({ data: { paiements: [null, { montant_total: '12', date_versement: '2021-02-31' }] } })).toEqual([
      { date: null, totalAmount: null, allowancesAmount: null, aidsAmount: null, otherAmount: null },
    ]);
  });
});
