import { HubError, UPSTREAM_REASONS, isUpstreamReason, type ErrorCode, type UpstreamReason } from '@hub/core';
import type { Refusal, RefusalRules, RouteChoice } from './source-recipe.js';

/**
 * The shared reading of API Particulier's error codes (OpenAPI v3 error examples and staging
 * cases; docs/contract.md#upstream-refusals). Codes are `PPNNN`: the common `00NNN` ones mean the same for
 * every provider; a provider's own `PP001`/`PP004` (service down, DNS), `PP002` (timeout) and
 * `PP999` (unknown answer) follow one pattern.
 */
const SHARED_CODES: Readonly<Record<string, Refusal>> = {
  '00015': 'request_in_progress',
  '00100': 'access_denied',
  '00101': 'access_denied',
  '00103': 'access_denied',
  '00105': 'access_denied',
  '00203': 'invalid_request',
  '00360': { reason: 'invalid_identifier', code: 'PROVIDER_ERROR' },
  '00366': 'invalid_request',
  '00380': { reason: 'invalid_identifier', code: 'PROVIDER_ERROR' },
  '00391': { reason: 'ambiguous_identity', code: 'NOT_FOUND' },
  '00419': 'invalid_request',
  '00427': 'invalid_request',
  '00429': 'provider_rate_limited',
  '00501': 'provider_unavailable',
};

const SHARED_SUFFIXES: readonly [RegExp, UpstreamReason][] = [
  [/^\d\d001$/, 'provider_unavailable'],
  [/^\d\d002$/, 'provider_timeout'],
  [/^\d\d004$/, 'provider_unavailable'],
  [/^\d\d999$/, 'provider_unavailable'],
];

function byStatus(status: number | null, by: RouteChoice): UpstreamReason {
  switch (status) {
    case 404: return by === 'identity' || by === 'france_connect' ? 'identity_not_matched' : 'no_record';
    case 400: case 422: return 'invalid_request';
    case 401: case 403: return 'access_denied';
    case 409: return 'request_in_progress';
    case 429: case 509: return 'provider_rate_limited';
    case 502: case 503: return 'provider_unavailable';
    case 504: return 'provider_timeout';
    default: return 'provider_error';
  }
}

/**
 * Gives an upstream failure its `reason` from the closed list and its `retryable`, reading the
 * source's own rules first, then the shared ones. A failure the hub found itself (circuit open,
 * queue full, timeout, unreadable body) keeps its reason. When the rule names another code (CNAV's
 * 422 "matched, no file" is a NOT_FOUND), the error is rebuilt with it; `provider`,
 * `upstreamCode` and `retryAfter` are kept. The message is the hub's own (upstream details may
 * echo personal parameters).
 */
export function translateRefusal(error: HubError, input: { status: number | null; by: RouteChoice; rules: RefusalRules }): HubError {
  const own = error.extensions.reason;
  if (isUpstreamReason(own)) {
    return error.extensions.retryable === undefined ? withExtensions(error, error.code, own) : error;
  }
  // Only upstream answers are refused here: anything else without a reason is passed on as is.
  if (input.status === null) return error;
  const upstreamCode = error.extensions.upstreamCode;
  const rule: Refusal =
    (upstreamCode !== undefined ? input.rules.codes?.[upstreamCode] : undefined) ??
    input.rules.statuses?.[input.status] ??
    (upstreamCode !== undefined ? SHARED_CODES[upstreamCode] ?? SHARED_SUFFIXES.find(([re]) => re.test(upstreamCode))?.[1] : undefined) ??
    byStatus(input.status, input.by);
  const reason = typeof rule === 'string' ? rule : rule.reason;
  const code = typeof rule === 'string' ? error.code : rule.code;
  return withExtensions(error, code, reason);
}

const MESSAGES: Readonly<Record<UpstreamReason, string>> = {
  identity_not_matched: 'matched nobody with this identity',
  no_record: 'holds no record for this person',
  ambiguous_identity: 'matched several people with this identity',
  period_out_of_range: 'does not answer for the period asked',
  invalid_identifier: 'refused the identifier as malformed',
  invalid_request: 'refused the request as malformed',
  access_denied: "refused the hub's credentials",
  provider_rate_limited: 'is throttling the hub; try again later',
  request_in_progress: 'is already processing the same request; try again shortly',
  provider_unavailable: 'is unavailable',
  provider_timeout: 'did not answer in time',
  provider_error: 'failed',
  missing_identifier: 'cannot be asked without the identifier it needs',
  franceconnect_required: 'answers in FranceConnect mode only (person(franceConnectToken:))',
  timeout: 'did not answer in time',
  connection_failed: 'could not be reached',
  circuit_open: 'is unavailable (circuit open after repeated failures)',
  overloaded: 'has too many calls waiting; try again shortly',
  invalid_body: 'sent an answer the hub cannot read',
};

function withExtensions(error: HubError, code: ErrorCode, reason: UpstreamReason): HubError {
  const extensions = { ...error.extensions, reason, retryable: UPSTREAM_REASONS[reason].retryable };
  const message = code === error.code && error.extensions.reason === reason ? error.message : `${error.extensions.provider ?? 'The provider'} ${MESSAGES[reason]}.`;
  return new HubError(code, message, extensions, { cause: error.cause ?? error });
}
