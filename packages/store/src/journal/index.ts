// Journal (append-only, hash-chained; docs/contract.md#journal). Public surface of the journal module.
export { JournalWriter, type JournalWriterOptions, type JournalCommitEvent, type JournalWriterStats } from './journal-writer.js';
export { JournalUnavailableError } from './journal-unavailable-error.js';
export { verifyJournal, type JournalVerification, type JournalProblem, type VerifyJournalOptions } from './verify-journal.js';
export { pruneJournal, JournalPruneRefusedError, type PruneJournalOptions, type PruneJournalResult } from './prune-journal.js';
export { exportJournal, type JournalExportFilter } from './export-journal.js';
export { listJournalForSubject, type ListJournalForSubjectOptions } from './list-journal-for-subject.js';
export { canonicalEntryEncoding, entryHash, GENESIS_HASH, type HashedEntry } from './canonical-entry-encoding.js';
export { canonicalCheckpointEncoding, type JournalCheckpoint, type JournalCheckpointPayload } from './journal-checkpoint.js';
