import type { JournalEntry } from '@hub/core';

/**
 * What the citizen space needs from the journal: one subject's committed entries, newest first.
 * `before` is an exclusive `seq` bound (the previous page's last entry), for stable pagination
 * while new entries keep arriving. The store's `listJournalForSubject` satisfies it.
 */
export type AccessLogReader = {
  listForSubject(subjectRef: string, options: { limit: number; before?: number }): Promise<JournalEntry[]>;
};

/** Operator names and SIRETs by id, for the "who" of each entry (deleted operators included). */
export type OperatorDirectory = (ids: readonly string[]) => Promise<Map<string, { name: string; siret: string }>>;
