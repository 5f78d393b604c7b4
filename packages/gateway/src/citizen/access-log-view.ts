import type { JournalEntry } from '@hub/core';
import { describeScope } from '@hub/policy';
import { frenchDateTime } from './french-date-time.js';

export type AccessLogItem = {
  seq: number;
  /** ISO 8601, UTC. */
  recordedAt: string;
  /** French, Europe/Paris: "mardi 3 juin 2025 à 14:05". */
  when: string;
  operator: { id: string; name: string | null; siret: string | null };
  purpose: string;
  /** `franceconnect` when the citizen consented at FranceConnect (the operator presented their
   * FranceConnect access token), null for a consent given on the hub. */
  consentKind: 'franceconnect' | null;
  /** One per released scope, in the order of the scope catalogue's entries as recorded. */
  data: { scope: string; label: string; source: string }[];
};

export type AccessLogPage = {
  items: AccessLogItem[];
  /** `seq` to pass as `before` for the next (older) page; null on the last page. */
  nextBefore: number | null;
};

function dataOf(entry: JournalEntry): AccessLogItem['data'] {
  // The wording table of the policy package, shared with the consent page and /me/consents; an
  // unknown scope (renamed since) still shows: hiding a release would be worse than a raw name.
  return [...new Set(entry.releasedScopes)].map((name) => {
    const w = describeScope(name);
    return { scope: name, label: w.label, source: w.administration };
  });
}

/**
 * Turns journal entries (newest first, one more than the page size when a next page exists) into
 * what the citizen reads: who (operator name, SIRET), when (Paris time), why, which data (labels
 * from the scope catalogue, never raw field paths).
 */
export function buildAccessLogPage(
  entries: readonly JournalEntry[],
  operators: ReadonlyMap<string, { name: string; siret: string }>,
  pageSize: number,
): AccessLogPage {
  const shown = entries.slice(0, pageSize);
  const items = shown.map((entry): AccessLogItem => {
    const operator = operators.get(entry.operatorId);
    return {
      seq: entry.seq,
      recordedAt: entry.recordedAt.toISOString(),
      when: frenchDateTime(entry.recordedAt),
      operator: { id: entry.operatorId, name: operator?.name ?? null, siret: operator?.siret ?? null },
      purpose: entry.purpose,
      consentKind: entry.consentKind ?? null,
      data: dataOf(entry),
    };
  });
  const last = shown.at(-1);
  return { items, nextBefore: entries.length > pageSize && last ? last.seq : null };
}
