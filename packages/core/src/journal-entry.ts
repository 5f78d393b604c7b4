import type { ErrorCode } from './error-codes.js';
import type { UpstreamCallRecord } from './source-ports.js';

/** A field the policy withheld, with the code the client saw. */
export type DeniedField = { path: string; code: ErrorCode; scope?: string };

/**
 * One journal entry: one GraphQL request releasing personal data about one subject (docs/contract.md#journal).
 * Nothing here identifies the citizen except `subjectRef`, a keyed pseudonym.
 */
export type JournalEntryInput = {
  requestId: string;
  operatorId: string;
  /** `jti` of the operator token used. */
  tokenJti: string;
  consentId: string;
  subjectRef: string;
  purpose: string;
  /** Field paths released, e.g. "person.family.familyQuotient.value" (no list indexes). */
  releasedFields: string[];
  /** Scopes that released them (for the citizen's plain-French access log). */
  releasedScopes: string[];
  upstreamCalls: UpstreamCallRecord[];
  deniedFields: DeniedField[];
  /** How the citizen consented when not through a hub consent: `franceconnect` (FranceConnect
   * mode: the access token was the consent; `consentId` is then `franceconnect`). Absent for a hub consent. */
  consentKind?: 'franceconnect';
  /** FranceConnect mode: SHA-256 (hex) of the access token's `jti`. */
  franceConnectJti?: string;
};

/** A committed entry, as read back. */
export type JournalEntry = JournalEntryInput & {
  seq: number;
  id: string;
  recordedAt: Date;
  prevHash: string;
  hash: string;
};
