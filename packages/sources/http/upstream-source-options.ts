import type { SourceConfig, UpstreamResilience } from '@hub/core';
import type { UpstreamClientOptions } from './create-upstream-client.js';

/** Options of a source that owns its HTTP client (France Travail, MESRI, CNOUS, MEN). */
export type UpstreamSourceOptions = {
  config: SourceConfig;
  fetchImpl?: typeof fetch;
  /** Resilience tuning passed to the HTTP client (tests shorten the delays). */
  client?: Pick<UpstreamClientOptions, 'retryBaseDelayMs' | 'deadlineMs' | keyof UpstreamResilience>;
};
