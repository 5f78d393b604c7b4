import type { GraphQLFormattedError } from 'graphql';
import { ERROR_CODES, isHubError, type ErrorCode } from '@hub/core';
import { unwrapResolverError } from '@apollo/server/errors';
import { isDatabaseUnavailable, OUTAGE_RETRY_AFTER } from '../outage/database-outage.js';
import { isClientHttpError } from '../plugins/error-logging-plugin.js';
import { tooManyTokensMessage } from './query-limits-rule.js';

const CLOSED = new Set<string>(ERROR_CODES);

/**
 * Apollo's own request-level codes, all of them a fault of the request: BAD_USER_INPUT + reason.
 * PERSISTED_QUERY_NOT_FOUND is not among them: it is in the closed list as it is (APQ clients
 * retry with the query text on that code only).
 */
const APOLLO_REQUEST_CODES = new Set([
  'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE', 'PERSISTED_QUERY_NOT_SUPPORTED',
]);

/** graphql-js's parse error when `maxTokens` is passed (the parser stops there); graphql-js 16
 * words it "more that", a later release may fix the typo. */
const TOKENS_ABORT = /Document contains more tha[nt] (\d+) tokens\. Parsing aborted\./;

/**
 * Maps every error to the closed list of docs/contract.md#errors. HubErrors keep their code and coded
 * extensions; GraphQL syntax/validation errors become BAD_USER_INPUT (with the original code as
 * `reason`); anything else is masked as INTERNAL_SERVER_ERROR — the details go to the log only
 * (see the error-logging plugin), never a stack trace to the client.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (isHubError(original)) {
    return {
      message: original.message,
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: original.code, ...original.extensions },
    };
  }
  if (isDatabaseUnavailable(original)) {
    return {
      message: 'The hub cannot serve now: its database is unreachable. Retry later.',
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: 'SERVICE_UNAVAILABLE' satisfies ErrorCode, reason: 'database_unavailable', retryAfter: OUTAGE_RETRY_AFTER },
    };
  }
  const code = formatted.extensions?.code;
  if (formatted.extensions?.hubCode === 'QUERY_TOO_COMPLEX') {
    return { message: formatted.message, extensions: { code: 'QUERY_TOO_COMPLEX' satisfies ErrorCode, limit: formatted.extensions.limit } };
  }
  const tooManyTokens = code === 'GRAPHQL_PARSE_FAILED' ? TOKENS_ABORT.exec(formatted.message) : null;
  if (tooManyTokens) {
    return { message: tooManyTokensMessage(tooManyTokens[1]!), extensions: { code: 'QUERY_TOO_COMPLEX' satisfies ErrorCode, limit: 'tokens' } };
  }
  if (typeof code === 'string' && APOLLO_REQUEST_CODES.has(code)) {
    return {
      message: formatted.message,
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      extensions: { code: 'BAD_USER_INPUT' satisfies ErrorCode, reason: code },
    };
  }
  // Apollo's request errors raised with an HTTP 4xx but no code of their own (an APQ hash that
  // does not match its query): the request's fault, worded by Apollo, not an internal error.
  if (isClientHttpError(original)) {
    return { message: formatted.message, extensions: { code: 'BAD_USER_INPUT' satisfies ErrorCode, reason: 'BAD_REQUEST' } };
  }
  if (typeof code === 'string' && CLOSED.has(code) && code !== 'INTERNAL_SERVER_ERROR') {
    const { stacktrace: _drop, ...rest } = formatted.extensions ?? {};
    return { ...formatted, extensions: rest };
  }
  return {
    message: 'Internal server error.',
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code: 'INTERNAL_SERVER_ERROR' satisfies ErrorCode },
  };
}
