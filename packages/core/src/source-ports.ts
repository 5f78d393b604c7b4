import type { SubjectIdentity } from './identity.js';

/** Upstream providers (docs/contract.md#upstreams); the names appear in error extensions (`provider`). */
export const PROVIDERS = ['DGFIP', 'CNAV', 'FRANCE_TRAVAIL', 'MESRI', 'CNOUS', 'MEN', 'DSNJ', 'GIP_MDS', 'SDH', 'ANTS'] as const;
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
  /** Tracing, absent when off: opens the span of one upstream attempt and returns the headers
   * that carry it upstream (W3C `traceparent`) and the function that ends it. */
  traceUpstream?(provider: ProviderName, route: string): { headers: Record<string, string>; end(status: number | null, outcome: UpstreamOutcome): void };
  /** The bearer of this call instead of the source's token: the citizen's FranceConnect access
   * token on a FranceConnect-only route (set per key by the loader, never request-wide). */
  upstreamBearer?: string;
};

/** The parent object of `Person` field resolvers: the subject resolved from the consent. */
export type PersonParent = {
  subject: SubjectIdentity;
  consentId: string;
  /** FranceConnect mode: the citizen's access token, for a source that forwards it (ANTS). */
  franceConnectToken?: string;
};

/** Per-source configuration (docs/contract.md#upstreams: base URL and token per source, 5 s timeout...). */
export type SourceConfig = {
  baseUrl: string;
  token: string;
  /** The composition root's hook, told of each client built from this configuration (readiness
   * and metrics read its circuit; one client per provider). */
  onClient?(client: { provider: ProviderName; circuit(): 'closed' | 'open' | 'half_open' }): void;
  timeoutMs: number;
  maxConcurrent: number;
  /** How the client degrades under load and failure; each missing setting takes its default. */
  resilience?: Partial<UpstreamResilience>;
};

/**
 * Per-source resilience settings (docs/contract.md#upstreams), `HUB_UPSTREAM_<SETTING>` or
 * `HUB_UPSTREAM_<SOURCE>_<SETTING>`. Defaults tuned on the chaos experiments (test/chaos/).
 */
export type UpstreamResilience = {
  /** Calls that may wait for a concurrency slot; beyond it a call is refused at once (`overloaded`). */
  queueLimit: number;
  /** Longest wait for a slot; a call still waiting then is refused (`overloaded`), never counted as an upstream failure. */
  queueTimeoutMs: number;
  /** Share (0–1, exclusive) of the upstream's own failures among the attempts of the window that opens the circuit. */
  breakerFailureRate: number;
  /** Sliding window over which the failure rate is measured. */
  breakerWindowMs: number;
  /** Attempts the window must hold before the rate can open the circuit. */
  breakerMinCalls: number;
  /** Time an open circuit refuses calls before letting one probe through. */
  breakerHalfOpenMs: number;
  /** Retries allowed as a share of the calls of the last `breakerWindowMs` (0–1). */
  retryBudgetRate: number;
  /** Retries always allowed per second of that window, whatever the volume (low-traffic sources). */
  retryBudgetMinPerSecond: number;
};

export const DEFAULT_UPSTREAM_RESILIENCE: UpstreamResilience = {
  queueLimit: 200,
  queueTimeoutMs: 5_000,
  breakerFailureRate: 0.7,
  breakerWindowMs: 10_000,
  // 40: an upstream failing half its calls opens the circuit by chance in < 1 % of runs (5 % at 20,
  // simulated over 400 attempts); a dead upstream still opens it after 40 attempts.
  breakerMinCalls: 40,
  breakerHalfOpenMs: 10_000,
  retryBudgetRate: 0.2,
  // 10 per second, i.e. 100 per 10 s window: a burst of 200 calls half failing still gets its
  // retries (simulated: below 65 % complete in 0.05 % of runs, 3.8 % at 5 per second); under real
  // load the 20 % share dominates and a failing upstream sees at most ~1.2× its traffic.
  retryBudgetMinPerSecond: 10,
};
