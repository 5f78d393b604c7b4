import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { Logger } from 'pino';
import { HubError, isHubError } from '@hub/core';
import type { Authenticator } from '../auth/authenticator.js';
import type { Principal } from '../auth/principal.js';
import type { GraphQLContext } from '../resolvers/context.js';
import type { PreparedOperations } from '../graphql/prepared-operations.js';
import { BodyTooLargeError, readBody } from './read-body.js';
import { sendGraphQLError } from './respond.js';
import { unavailableRetryAfter } from './unavailable-status.js';
import { counterStoreUnavailable, type OperatorLimitsService, type RateDecision } from '../limits/operator-limits.js';

export type GraphQLHandlerDeps = {
  apollo: ApolloServer<GraphQLContext>;
  /** The lean path for POSTed, already validated queries; Apollo answers everything else. */
  prepared?: PreparedOperations;
  authenticator: Authenticator;
  maxQueryBytes: number;
  /** Rate limit per operator token (absent: none). */
  limits?: OperatorLimitsService;
  /** Builds the per-request context (loaders, subjects...) for an authenticated caller. */
  createContext(principal: Principal, requestId: string, logger: Logger): GraphQLContext;
  /** Told the context of each request that gets that far (metrics read its outcome at the end). */
  onContext?(res: ServerResponse, context: GraphQLContext): void;
};

/**
 * POST/GET /graphql. Authentication happens before Apollo: a refused token costs no GraphQL work
 * and gets HTTP 401 with `UNAUTHENTICATED` and its `reason`. Errors answered here, before
 * GraphQL, carry the GraphQL-over-HTTP media type the client accepts.
 */
export async function handleGraphQL(
  deps: GraphQLHandlerDeps, req: IncomingMessage, res: ServerResponse, url: URL, requestId: string, logger: Logger,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'POST') {
    sendGraphQLError(res, 405, 'BAD_USER_INPUT', 'Use POST (or GET for queries) on /graphql.', { reason: 'METHOD_NOT_ALLOWED' }, { allow: 'GET, POST' }, req.headers.accept);
    return;
  }
  let principal;
  try {
    principal = await deps.authenticator.authenticate(req.headers.authorization);
  } catch (error) {
    if (isHubError(error)) {
      sendGraphQLError(res, 401, error.code, error.message, error.extensions, { 'www-authenticate': 'Bearer realm="particulier-hub", error="invalid_token"' }, req.headers.accept);
      return;
    }
    throw error;
  }
  // The rate is counted while the request goes on (its body read, its query started): the root
  // resolvers wait for the admission before any consent is used, and no answer leaves before it.
  // A high-rate token's count is often decided at once (a lease of its window held here).
  const decidedNow = deps.limits?.consumeNow(principal.operatorId, principal.jti) ?? null;
  const rate = !deps.limits || decidedNow?.allowed ? null : decidedNow ? Promise.resolve({ decision: decidedNow }) : countRate(deps.limits, principal);
  let verdict: Promise<boolean> | null = null;
  // The `RateLimit-*` headers of an admitted request, written with the answer's own (one
  // writeHead: headers set one by one beforehand would send Node down its slower path).
  let rateHeaders: Record<string, string> = decidedNow?.allowed ? rateLimitHeaders(decidedNow) : {};
  // False when the request was refused by its rate (the 429 or 503 is then sent); once only.
  // Every early refusal below still waits for the verdict: a request over its rate gets the 429.
  const admitted = (): Promise<boolean> => (verdict ??= rate
    ? rate.then((outcome) => {
      const headers = applyRate(outcome, req, res);
      if (headers === null) return false;
      rateHeaders = headers;
      return true;
    })
    : Promise.resolve(true));
  try {
    if (url.search.length > deps.maxQueryBytes) {
      if (!(await admitted())) return;
      sendGraphQLError(res, 414, 'QUERY_TOO_COMPLEX', `The query string is larger than ${deps.maxQueryBytes} bytes.`, { limit: 'documentBytes' }, rateHeaders, req.headers.accept);
      return;
    }

    let body: unknown = undefined;
    if (req.method === 'POST') {
      let raw: string;
      try {
        raw = await readBody(req, deps.maxQueryBytes);
      } catch (error) {
        if (!(await admitted())) return;
        if (error instanceof BodyTooLargeError) {
          sendGraphQLError(res, 413, 'QUERY_TOO_COMPLEX', `The request body is larger than ${error.limit} bytes.`, { limit: 'documentBytes' }, { ...rateHeaders, connection: 'close' }, req.headers.accept);
          return;
        }
        throw error;
      }
      const type = req.headers['content-type'] ?? '';
      // Exactly these two media types (parameters such as charset allowed): not `application/json-seq`,
      // `text/plain` or a form, which a cross-site page could send without a preflight.
      if (!/^application\/(graphql-response\+)?json\s*(;|$)/i.test(type)) {
        if (!(await admitted())) return;
        sendGraphQLError(res, 415, 'BAD_USER_INPUT', 'POST /graphql needs Content-Type: application/json.', { reason: 'UNSUPPORTED_MEDIA_TYPE' }, rateHeaders, req.headers.accept);
        return;
      }
      try {
        body = JSON.parse(raw);
      } catch {
        if (!(await admitted())) return;
        sendGraphQLError(res, 400, 'BAD_USER_INPUT', 'The request body is not valid JSON.', { reason: 'MALFORMED_JSON' }, rateHeaders, req.headers.accept);
        return;
      }
    }

    const context = deps.createContext(principal, requestId, logger);
    if (rate) {
      context.admission = rate.then((outcome) => {
        if ('error' in outcome) throw outcome.error;
        if (!outcome.decision.allowed) throw rateLimited(outcome.decision);
      });
      context.admission.catch(() => undefined); // awaited by the root resolvers, when there are some
    }
    deps.onContext?.(res, context);
    if (req.method === 'POST' && deps.prepared) {
      const prepared = await deps.prepared.execute(body, req.headers.accept, context);
      if (prepared && !(await admitted())) {
        context.sent = undefined;
        return;
      }
      if (prepared) {
        const retryAfter = unavailableRetryAfter(prepared.body);
        res.writeHead(retryAfter === null ? 200 : 503, {
          ...rateHeaders, 'content-type': prepared.contentType, 'cache-control': 'no-store', ...(retryAfter === null ? {} : { 'retry-after': String(retryAfter) }),
        });
        res.end(prepared.body);
        return;
      }
    }

    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const response = await deps.apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method, headers, search: url.search, body },
      context: async () => context,
    });
    if (!(await admitted())) {
      context.sent = undefined;
      return;
    }

    for (const [key, value] of Object.entries(rateHeaders)) res.setHeader(key, value);
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.setHeader('cache-control', 'no-store');
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      const retryAfter = res.statusCode === 200 ? unavailableRetryAfter(response.body.string) : null;
      if (retryAfter !== null) {
        res.statusCode = 503;
        res.setHeader('retry-after', String(retryAfter));
      }
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  } catch (error) {
    // An answer sent for this failure (500, 503) still tells an admitted request its rate.
    if (!res.headersSent) for (const [key, value] of Object.entries(rateHeaders)) res.setHeader(key, value);
    throw error;
  }
}

function rateLimitHeaders(decision: RateDecision): Record<string, string> {
  return {
    'ratelimit-limit': String(decision.limit),
    'ratelimit-remaining': String(decision.remaining),
    'ratelimit-reset': String(decision.resetSeconds),
  };
}

type RateOutcome = { decision: RateDecision } | { error: HubError };

/** Counts the request against its token's rate; never rejects (a store failure is an outcome). */
function countRate(limits: OperatorLimitsService, principal: Principal): Promise<RateOutcome> {
  return limits.consume(principal.operatorId, principal.jti).then(
    (decision) => ({ decision }),
    (error: unknown) => {
      // consume() words store failures itself; anything else fails closed the same way.
      return { error: isHubError(error) ? error : counterStoreUnavailable() };
    },
  );
}

function rateLimited(decision: RateDecision): HubError {
  return new HubError('RATE_LIMITED', `Rate limit of ${decision.limit} requests a minute reached for this token.`, { reason: 'rate', retryAfter: decision.resetSeconds });
}

/** The `RateLimit-*` headers of an admitted request; or answers 429 (or 503 when the counter store
 * fails: closed, no data) and returns null when the request may not be answered otherwise. */
function applyRate(outcome: RateOutcome, req: IncomingMessage, res: ServerResponse): Record<string, string> | null {
  if ('error' in outcome) {
    const { error } = outcome;
    sendGraphQLError(res, 503, error.code, error.message, error.extensions, { 'retry-after': String(error.extensions.retryAfter ?? 5) }, req.headers.accept);
    return null;
  }
  const { decision } = outcome;
  const headers = rateLimitHeaders(decision);
  if (decision.allowed) return headers;
  const refusal = rateLimited(decision);
  sendGraphQLError(res, 429, refusal.code, refusal.message, refusal.extensions, { ...headers, 'retry-after': String(decision.resetSeconds) }, req.headers.accept);
  return null;
}
