import { OUTAGE_RETRY_AFTER } from '../outage/database-outage.js';

/**
 * When an executed GraphQL response is an outage answer rather than a result: HTTP 503 with
 * `Retry-After` (the largest `retryAfter` of its errors), instead of 200.
 *
 * That is the case when the response carries no data — `data` null, or every root field null
 * (every entry null for `persons`) — and every error is SERVICE_UNAVAILABLE: the database (a consent
 * read) or the counter store (the daily quota) failed after authentication, for every root. A
 * response with any data, or with another error beside (CONSENT_INVALID, FORBIDDEN_SCOPE...), stays
 * 200 with its per-field errors, as GraphQL-over-HTTP expects: a retry would not change all of it.
 *
 * Returns the Retry-After seconds, or null to keep the status. Reads the serialised body, so it
 * serves both execution paths at the HTTP boundary; the body is parsed only when it names the code.
 */
export function unavailableRetryAfter(body: string): number | null {
  if (!body.includes('"SERVICE_UNAVAILABLE"')) return null;
  let result: { data?: unknown; errors?: unknown };
  try {
    result = JSON.parse(body) as typeof result;
  } catch {
    return null;
  }
  if (!Array.isArray(result.errors) || result.errors.length === 0 || !hasNoData(result.data)) return null;
  let retryAfter = 0;
  for (const error of result.errors as { extensions?: { code?: unknown; retryAfter?: unknown } }[]) {
    if (error?.extensions?.code !== 'SERVICE_UNAVAILABLE') return null;
    const seconds = error.extensions.retryAfter;
    retryAfter = Math.max(retryAfter, typeof seconds === 'number' && seconds > 0 ? Math.ceil(seconds) : OUTAGE_RETRY_AFTER);
  }
  return retryAfter;
}

function hasNoData(data: unknown): boolean {
  if (data === null || data === undefined) return true;
  if (typeof data !== 'object' || Array.isArray(data)) return false;
  return Object.values(data).every((value) => value === null || (Array.isArray(value) && value.every((entry) => entry === null)));
}
