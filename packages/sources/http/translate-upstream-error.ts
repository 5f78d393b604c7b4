import { HubError, type ErrorCode, type HubErrorExtensions, type ProviderName, type UpstreamOutcome } from '@hub/core';

/** How a provider encodes its error bodies. */
export type UpstreamErrorFormat = 'v3' | 'v2-flat';

/** What the client needs to know about a non-2xx answer. */
export type TranslatedUpstreamError = {
  error: HubError;
  outcome: UpstreamOutcome;
};

const UNAVAILABLE_STATUSES = new Set([502, 503, 509, 429]);

/**
 * Turns a non-2xx upstream answer into a HubError (docs/contract.md#errors). The message is built by the hub,
 * never copied from the upstream body: upstream details may echo the request's (personal)
 * parameters.
 *
 * - 404 → NOT_FOUND
 * - 502, 503, 509 (DGFIP refusing after repeated failures), 429 (the hub's own upstream quota) →
 *   PROVIDER_UNAVAILABLE
 * - 504 (the upstream's own gateway timed out) → PROVIDER_TIMEOUT
 * - anything else (400, 401, 403, 422, 500...) → PROVIDER_ERROR
 *
 * `upstreamCode` is the first v3 `errors[].code` (e.g. "37003"), or for flat v2 bodies
 * `<provider>_<status>` (e.g. "dgfip_404"), as API Particulier v2 documented them.
 */
export function translateUpstreamError(input: {
  provider: ProviderName;
  status: number;
  body: string;
  errorFormat: UpstreamErrorFormat;
  retryAfter?: number | undefined;
}): TranslatedUpstreamError {
  const { provider, status } = input;
  const extensions: HubErrorExtensions = { provider };
  const upstreamCode = readUpstreamCode(input);
  if (upstreamCode !== undefined) extensions.upstreamCode = upstreamCode;
  if (input.retryAfter !== undefined) extensions.retryAfter = input.retryAfter;

  let code: ErrorCode;
  let outcome: UpstreamOutcome;
  let message: string;
  if (status === 404) {
    code = 'NOT_FOUND';
    outcome = 'not_found';
    message = `${provider} has no record matching this subject.`;
  } else if (UNAVAILABLE_STATUSES.has(status)) {
    code = 'PROVIDER_UNAVAILABLE';
    outcome = 'unavailable';
    message = `${provider} is unavailable (HTTP ${status}).`;
  } else if (status === 504) {
    code = 'PROVIDER_TIMEOUT';
    outcome = 'timeout';
    message = `${provider} did not answer in time (HTTP 504).`;
  } else {
    code = 'PROVIDER_ERROR';
    outcome = status === 400 || status === 422 ? 'bad_request' : 'error';
    message = `${provider} answered with an error (HTTP ${status}).`;
  }
  return { error: new HubError(code, message, extensions), outcome };
}

function readUpstreamCode(input: { provider: ProviderName; status: number; body: string; errorFormat: UpstreamErrorFormat }): string | undefined {
  if (input.errorFormat === 'v2-flat') return `${input.provider.toLowerCase()}_${input.status}`;
  try {
    const parsed: unknown = JSON.parse(input.body);
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const errors = (parsed as { errors?: unknown }).errors;
    if (!Array.isArray(errors)) return undefined;
    const first: unknown = errors[0];
    if (typeof first !== 'object' || first === null) return undefined;
    const code = (first as { code?: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  } catch {
    return undefined;
  }
}
