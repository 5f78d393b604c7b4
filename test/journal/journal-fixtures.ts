import type { Knex } from 'knex';
import type { JournalEntryInput } from '@hub/core';

let counter = 0;

/** A plausible entry; nothing personal (subjectRef is a pseudonym). */
export function entryInput(overrides: Partial<JournalEntryInput> = {}): JournalEntryInput {
  counter += 1;
  return {
    requestId: `req-${counter}`,
    operatorId: '11111111-1111-4111-8111-111111111111',
    tokenJti: '22222222-2222-4222-8222-222222222222',
    consentId: '33333333-3333-4333-8333-333333333333',
    subjectRef: 'subj-aaaa',
    purpose: 'Tarification de la cantine scolaire',
    releasedFields: ['person.family.familyQuotient.value', 'person.family.familyQuotient.year'],
    releasedScopes: ['cnaf_quotient_familial'],
    upstreamCalls: [{ provider: 'CNAV', route: '/v3/dss/quotient_familial/identite', status: 200, outcome: 'ok', durationMs: 12.5 }],
    deniedFields: [],
    ...overrides,
  };
}

/**
 * Runs SQL as an attacker holding the table owner's rights would: with the append-only
 * triggers disabled for the duration.
 */
export async function asOwnerWithoutTriggers(knex: Knex, run: (trx: Knex.Transaction) => Promise<unknown>): Promise<void> {
  await knex.transaction(async (trx) => {
    await trx.raw('alter table journal_entries disable trigger journal_entries_append_only');
    await trx.raw('alter table journal_checkpoints disable trigger journal_checkpoints_append_only');
    await run(trx);
    await trx.raw('alter table journal_entries enable trigger journal_entries_append_only');
    await trx.raw('alter table journal_checkpoints enable trigger journal_checkpoints_append_only');
  });
}

/** Empties the journal between tests of one file (one schema per file). */
export async function resetJournal(knex: Knex): Promise<void> {
  await asOwnerWithoutTriggers(knex, async (trx) => {
    await trx('journal_entries').delete();
    await trx('journal_checkpoints').delete();
  });
}
