export { ERROR_CODES, HTTP_STATUS_OF, type ErrorCode } from './error-codes.js';
export { HubError, isHubError, type HubErrorExtensions } from './hub-error.js';
export type { IdentityPivot, SubjectIdentifiers, SubjectIdentity } from './identity.js';
export {
  PROVIDERS,
  type ProviderName,
  type UpstreamOutcome,
  type UpstreamCallRecord,
  type RequestScope,
  type PersonParent,
  type SourceConfig,
  type UpstreamResilience,
  DEFAULT_UPSTREAM_RESILIENCE,
} from './source-ports.js';
export { UPSTREAM_REASONS, isUpstreamReason, type UpstreamReason } from './upstream-reasons.js';
export { isValidSiret } from './siret.js';
export { canonicalIdentity, subjectRef } from './subject-ref.js';
export type { DeniedField, JournalEntryInput, JournalEntry } from './journal-entry.js';
