/**
 * The closed list of `reason` values an upstream failure carries (docs/contract.md#upstream-refusals),
 * shared by every source. Each says what an integrator can do about it; `retryable` says whether the
 * same request may succeed later unchanged. Sources map their upstream's codes and statuses onto
 * this list once, in their recipe; the hub's own refusals (circuit, queue, timeout…) are here too,
 * so every provider error has exactly one reason from one list.
 *
 * Derived from API Particulier's error catalogue (OpenAPI v3 error examples and staging cases):
 * `x003` "Entité non trouvée" and CNAV's "Dossier allocataire absent" (404), `00391` several
 * people match (422), `00360`/`00380` identifier malformed or missing, `00366`/`00427`/`00419`/
 * `00203` malformed request, `00429`/`37008`/`39004` and DGFIP's 509 rate limits, `00015` a
 * request already in flight (409), `00100`–`00105` the hub's own token refused (401/403),
 * `x001`/`x004`/`00501`/`x999` the provider down or unreadable (502/503/504), `x002` its timeout.
 */
export const UPSTREAM_REASONS = {
  /** Nobody matched the identity sent (CNAV 404; "Entité non trouvée" on an identity route). */
  identity_not_matched: { retryable: false },
  /** The person is known but holds no record here (CNAV 422, a 404 on an identifier route). */
  no_record: { retryable: false },
  /** Several people match the identity: the provider will not choose (GIP-MDS 00391). */
  ambiguous_identity: { retryable: false },
  /** The period asked (year, month, school year) is outside what the provider answers. */
  period_out_of_range: { retryable: false },
  /** An identifier (INE, numéro fiscal, identifiant) is malformed or missing upstream (00360, 00380). */
  invalid_identifier: { retryable: false },
  /** The request was malformed for the provider (civility parameters 00366, 00427, perimeter 00419). */
  invalid_request: { retryable: false },
  /** The hub's upstream credentials were refused (401/403: token, privileges): an operator matter. */
  access_denied: { retryable: false },
  /** The provider or API Particulier throttled the hub (429, 509, 37008, 39004). */
  provider_rate_limited: { retryable: true },
  /** The same request is already being processed upstream (409 00015). */
  request_in_progress: { retryable: true },
  /** The provider is down, in maintenance or unreachable upstream (502, 503, 504 x001/x004/00501). */
  provider_unavailable: { retryable: true },
  /** The provider did not answer API Particulier in time (504 x002). */
  provider_timeout: { retryable: true },
  /** The provider failed in a way it does not describe (500, an unknown status). */
  provider_error: { retryable: false },
  // The hub's own refusals and findings (no upstream refusal behind them).
  /** The subject lacks what the route needs (no INE nor full birth date, no identifiant…): no call made. */
  missing_identifier: { retryable: false },
  /** The route answers in FranceConnect mode only (ANTS) and the subject came with a hub consent: no call made. */
  franceconnect_required: { retryable: false },
  /** No upstream answer within the hub's timeout. */
  timeout: { retryable: true },
  /** The upstream could not be reached. */
  connection_failed: { retryable: true },
  /** The circuit is open after repeated failures: no call made. */
  circuit_open: { retryable: true },
  /** No concurrency slot in time: no call made. */
  overloaded: { retryable: true },
  /** A 2xx answer the hub cannot read. */
  invalid_body: { retryable: false },
} as const satisfies Record<string, { retryable: boolean }>;

export type UpstreamReason = keyof typeof UPSTREAM_REASONS;

export function isUpstreamReason(value: unknown): value is UpstreamReason {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(UPSTREAM_REASONS, value);
}
