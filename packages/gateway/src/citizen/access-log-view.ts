import type { JournalEntry } from '@hub/core';
import { findScope, type ScopeDefinition } from '@hub/policy';
import { frenchDateTime } from './french-date-time.js';

/** Plain-French names of the administrations behind each scope, for the "which data" column. */
const SOURCE_NAMES: Record<ScopeDefinition['source'], string> = {
  HUB: 'Particulier Hub',
  DGFIP: 'Direction générale des Finances publiques (impôts)',
  CNAF_MSA: 'Caisse d’allocations familiales ou Mutualité sociale agricole',
  CNAV: 'Caisse nationale d’assurance vieillesse (prestations sociales)',
  FRANCE_TRAVAIL: 'France Travail',
  MESRI: 'Ministère de l’Enseignement supérieur',
  CNOUS: 'Crous (bourses étudiantes)',
  MEN: 'Ministère de l’Éducation nationale',
};

export type AccessLogItem = {
  seq: number;
  /** ISO 8601, UTC. */
  recordedAt: string;
  /** French, Europe/Paris: "mardi 3 juin 2025 à 14:05". */
  when: string;
  operator: { id: string; name: string | null; siret: string | null };
  purpose: string;
  /** One per released scope, in the order of the scope catalogue's entries as recorded. */
  data: { scope: string; label: string; source: string }[];
};

export type AccessLogPage = {
  items: AccessLogItem[];
  /** `seq` to pass as `before` for the next (older) page; null on the last page. */
  nextBefore: number | null;
};

function dataOf(entry: JournalEntry): AccessLogItem['data'] {
  return [...new Set(entry.releasedScopes)].map((name) => {
    const scope = findScope(name);
    // An unknown scope (renamed since) still shows: hiding a release would be worse than a raw name.
    return scope
      ? { scope: name, label: scope.label, source: SOURCE_NAMES[scope.source] }
      : { scope: name, label: `Donnée « ${name} »`, source: 'Source non précisée' };
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
      data: dataOf(entry),
    };
  });
  const last = shown.at(-1);
  return { items, nextBefore: entries.length > pageSize && last ? last.seq : null };
}
