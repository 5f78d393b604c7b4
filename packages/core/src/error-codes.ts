/**
 * The closed list of error codes of the hub's external contract (docs/contract.md#errors).
 * Every error that reaches a client carries one of these in `extensions.code`.
 */
export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN_SCOPE',
  'CONSENT_INVALID',
  'CONSENT_SCOPE_MISSING',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'PROVIDER_UNAVAILABLE',
  'PROVIDER_TIMEOUT',
  'PROVIDER_ERROR',
  'RATE_LIMITED',
  'QUERY_TOO_COMPLEX',
  // Automatic persisted queries: the hash is unknown, send the query text with it. APQ clients
  // (Apollo's PersistedQueryLink) retry on exactly this code, so it is not folded into BAD_USER_INPUT.
  'PERSISTED_QUERY_NOT_FOUND',
  // The hub cannot serve now (database or counter store unreachable): HTTP 503 with Retry-After.
  'SERVICE_UNAVAILABLE',
  'INTERNAL_SERVER_ERROR',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** HTTP status a whole response takes when a request-level error of this code stops it. */
export const HTTP_STATUS_OF: Partial<Record<ErrorCode, number>> = {
  UNAUTHENTICATED: 401,
  RATE_LIMITED: 429,
  QUERY_TOO_COMPLEX: 400,
  BAD_USER_INPUT: 400,
  SERVICE_UNAVAILABLE: 503,
};
