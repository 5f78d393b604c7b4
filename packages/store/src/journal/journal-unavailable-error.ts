/**
 * The journal could not durably record the entries: the caller must withhold the personal data
 * (docs/contract.md#journal: nothing released unrecorded). `cause` holds the database error (log it with the
 * request id; it carries no personal data beyond what the journal itself stores).
 */
export class JournalUnavailableError extends Error {
  readonly code = 'JOURNAL_UNAVAILABLE' as const;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'JournalUnavailableError';
  }
}
