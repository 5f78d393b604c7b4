import type { SubjectIdentity } from './identity.js';

/** Upstream providers (docs/contract.md#upstreams); the names appear in error extensions (`provider`). */
export const PROVIDERS = ['DGFIP', 'CNAV', 'FRANCE_TRAVAIL', 'MESRI', 'CNOUS', 'MEN'] as const;
export type ProviderName = (typeof PROVIDERS)[number];

/** Outcome of one upstream call, as recorded in the journal. */
export type UpstreamOutcome = 'ok' | 'not_found' | 'bad_request' | 'unavailable' | 'timeout' | 'error';

/** One upstream HTTP call (no parameters: they are personal). */
export type UpstreamCallRecord = {
  provider: ProviderName;
  /** Route path, e.g. "/v3/dss/quotient_familial/identite". */
  route: string;
  /** HTTP status, null when no response arrived. */
  status: number | null;
  outcome: UpstreamOutcome;
  durationMs: number;
};

/** What a source needs to know about the current GraphQL request (built per request). */
export type RequestScope = {
  requestId: string;
  /** SIRET of the calling operator, sent as `recipient` on every upstream call. */
  recipient: string;
  /** Called once per upstream HTTP attempt, for the journal and metrics. */
  onUpstreamCall(record: UpstreamCallRecord): void;
};

/** The parent object of `Person` field resolvers: the subject resolved from the consent. */
export type PersonParent = {
  subject: SubjectIdentity;
  consentId: string;
};

/** Per-source configuration (docs/contract.md#upstreams: base URL and token per source, 5 s timeout...). */
export type SourceConfig = {
  baseUrl: string;
  token: string;
  timeoutMs: number;
  maxConcurrent: number;
};
