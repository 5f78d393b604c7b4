import { listJournalForSubject, type Store } from '@hub/store';
import type { AccessLogReader, OperatorDirectory } from './access-log-reader.js';

/** The citizen space's view of the journal: the store's per-subject listing, newest first. */
export function storeAccessLog(store: Store): AccessLogReader {
  return {
    listForSubject: (subjectRef, options) => listJournalForSubject(store.db.knex, subjectRef, options),
  };
}

/**
 * Operator names for the access log, deleted operators included (their entries stay readable).
 * One lookup per distinct operator on the page: a page holds a handful of them.
 */
export function storeOperatorDirectory(store: Store): OperatorDirectory {
  return async (ids) => {
    const found = await Promise.all(ids.map((id) => store.operators.findById(id)));
    return new Map(found.flatMap((op) => (op ? [[op.id, { name: op.name, siret: op.siret }] as const] : [])));
  };
}
