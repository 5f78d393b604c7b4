import {
  BrokenCircuitError,
  BulkheadRejectedError,
  ConsecutiveBreaker,
  ExponentialBackoff,
  IsolatedCircuitError,
  TaskCancelledError,
  TimeoutStrategy,
  bulkhead,
  circuitBreaker,
  handleWhen,
  retry,
  timeout,
  wrap,
} from 'cockatiel';
import { HubError, type ProviderName, type RequestScope, type SourceConfig, type UpstreamOutcome } from '@hub/core';
import { encodeQuery, type UpstreamQuery } from './encode-query.js';
import { createNodeHttpGet, httpGetFromFetch, type HttpGet, type HttpGetResponse } from './node-http-get.js';
import { parseRetryAfter } from './parse-retry-after.js';
import { translateUpstreamError, type UpstreamErrorFormat } from './translate-upstream-error.js';

export type UpstreamClientOptions = {
  provider: ProviderName;
  config: SourceConfig;
  /** How this provider encodes errors: 'v3' = {errors:[{code,title,detail,...}]}, 'v2-flat' = {error,reason,message}. */
  errorFormat: UpstreamErrorFormat;
  /** Tests may inject a WHATWG fetch; by default node:http(s) with keep-alive (cheaper per call). */
  fetchImpl?: typeof fetch;
  /** First retry delay before jitter (default 100 ms); tests shorten it. */
  retryBaseDelayMs?: number;
  /** Consecutive failed calls (unavailable or timed out) that open the circuit (default 5). */
  breakerThreshold?: number;
  /** Time an open circuit waits before letting one probe call through (default 10 s). */
  halfOpenAfterMs?: number;
  /** Calls allowed to wait for a slot beyond `config.maxConcurrent` (default 1000). */
  queueLimit?: number;
  /**
   * Upper bound of one `get()`, all included (queue wait, attempts, retry delay). Default:
   * `config.timeoutMs + 500`, so that a hanging upstream fails its fields within the timeout plus
   * one second (docs/contract.md#upstreams) even though a timed-out attempt may be retried once.
   */
  deadlineMs?: number;
};

export type UpstreamClient = {
  provider: ProviderName;
  /**
   * GET baseUrl+route?query&recipient=scope.recipient with `Authorization: Bearer token`.
   * Resolves with the parsed JSON body of a 2xx; throws a HubError otherwise:
   * 404 → NOT_FOUND; 502/503/509/429, connection failure, open circuit, full queue →
   * PROVIDER_UNAVAILABLE; a timeout or an upstream 504 → PROVIDER_TIMEOUT; an unparseable 2xx body
   * or any other status → PROVIDER_ERROR; each with extensions {provider, upstreamCode (the
   * upstream's own code, e.g. "37999" or "dgfip_404"), retryAfter when known, reason for failures
   * detected by the hub itself}. Calls scope.onUpstreamCall once per HTTP attempt.
   */
  get(route: string, query: UpstreamQuery, scope: RequestScope): Promise<unknown>;
};

const DEFAULT_TIMEOUT_MS = 5_000;

/**
 * The one HTTP client of every source. Resilience comes from cockatiel, composed from the outside
 * in: deadline → retry (once, jittered, on 502/503/timeout/connection failure) → circuit breaker →
 * bulkhead (concurrency cap) → per-attempt timeout. The breaker and the bulkhead belong to this
 * client, so create one client per provider and keep it for the life of the process; nothing
 * about a request or a citizen is kept in it.
 *
 * Query parameters are personal data: they are never logged and never put into error messages.
 */
export function createUpstreamClient(opts: UpstreamClientOptions): UpstreamClient {
  const { provider, config, errorFormat } = opts;
  const httpGet: HttpGet = opts.fetchImpl ? httpGetFromFetch(opts.fetchImpl) : createNodeHttpGet(Math.max(1, config.maxConcurrent));
  const timeoutMs = config.timeoutMs > 0 ? config.timeoutMs : DEFAULT_TIMEOUT_MS;
  const halfOpenAfterMs = opts.halfOpenAfterMs ?? 10_000;
  const baseUrl = config.baseUrl.replace(/\/+$/, '');

  // Errors an attempt throws, with what the policies need to know about them.
  const retryable = new WeakSet<Error>();
  const breakerFailures = new WeakSet<Error>();

  // `abortOnReturn: false`: by default cockatiel aborts its signal after every successful call, and
  // each abort builds a DOMException with a stack trace — measured at ~4 % of the hub's CPU on a
  // query with one upstream call. A call that returned has nothing left to cancel (the HTTP
  // response was read in full); a timeout still aborts the attempt.
  const deadline = timeout(opts.deadlineMs ?? timeoutMs + 500, { strategy: TimeoutStrategy.Aggressive, abortOnReturn: false });
  const retryOnce = retry(
    handleWhen((error) => retryable.has(error)),
    {
      maxAttempts: 1,
      backoff: new ExponentialBackoff({ initialDelay: opts.retryBaseDelayMs ?? 100, maxDelay: 1_000 }),
    },
  );
  const breaker = circuitBreaker(
    handleWhen((error) => breakerFailures.has(error)),
    { halfOpenAfter: halfOpenAfterMs, breaker: new ConsecutiveBreaker(opts.breakerThreshold ?? 5) },
  );
  const concurrencyCap = bulkhead(Math.max(1, config.maxConcurrent), opts.queueLimit ?? 1_000);
  // Cooperative: the attempt aborts its fetch on the signal and reports the timeout itself.
  const attemptTimeout = timeout(timeoutMs, { strategy: TimeoutStrategy.Cooperative, abortOnReturn: false });
  const policy = wrap(deadline, retryOnce, breaker, concurrencyCap, attemptTimeout);

  async function attempt(url: string, route: string, scope: RequestScope, signal: AbortSignal): Promise<unknown> {
    const started = performance.now();
    const record = (status: number | null, outcome: UpstreamOutcome): void => {
      scope.onUpstreamCall({ provider, route, status, outcome, durationMs: Math.round(performance.now() - started) });
    };
    const fail = (error: HubError, { retry: canRetry, breaker: counts }: { retry: boolean; breaker: boolean }): HubError => {
      if (canRetry) retryable.add(error);
      if (counts) breakerFailures.add(error);
      return error;
    };
    const networkFailure = (status: number | null, cause: unknown): HubError => {
      if (signal.aborted) {
        record(status, 'timeout');
        return fail(
          new HubError('PROVIDER_TIMEOUT', `${provider} did not answer within ${timeoutMs} ms.`, { provider, reason: 'timeout' }, { cause }),
          { retry: true, breaker: true },
        );
      }
      record(status, 'unavailable');
      return fail(
        new HubError('PROVIDER_UNAVAILABLE', `${provider} could not be reached.`, { provider, reason: 'connection_failed' }, { cause }),
        { retry: true, breaker: true },
      );
    };

    let response: HttpGetResponse;
    try {
      response = await httpGet(url, {
        headers: { authorization: `Bearer ${config.token}`, accept: 'application/json' },
        signal,
      });
    } catch (cause) {
      throw networkFailure(null, cause);
    }
    let body: string;
    try {
      body = await response.text();
    } catch (cause) {
      throw networkFailure(response.status, cause);
    }

    if (response.ok) {
      try {
        const parsed: unknown = JSON.parse(body);
        record(response.status, 'ok');
        return parsed;
      } catch (cause) {
        record(response.status, 'error');
        throw new HubError('PROVIDER_ERROR', `${provider} sent an unreadable answer.`, { provider, reason: 'invalid_body' }, { cause });
      }
    }

    const { error, outcome } = translateUpstreamError({
      provider,
      status: response.status,
      body,
      errorFormat,
      retryAfter: parseRetryAfter(response.header('retry-after')),
    });
    record(response.status, outcome);
    throw fail(error, {
      retry: response.status === 502 || response.status === 503,
      breaker: error.code === 'PROVIDER_UNAVAILABLE' || error.code === 'PROVIDER_TIMEOUT',
    });
  }

  return {
    provider,
    async get(route, query, scope) {
      const url = `${baseUrl}${route}?${encodeQuery({ ...query, recipient: scope.recipient })}`;
      try {
        return await policy.execute(({ signal }) => attempt(url, route, scope, signal));
      } catch (error) {
        throw toHubError(error);
      }
    },
  };

  function toHubError(error: unknown): HubError {
    if (error instanceof HubError) return error;
    if (error instanceof BrokenCircuitError || error instanceof IsolatedCircuitError) {
      return new HubError(
        'PROVIDER_UNAVAILABLE',
        `${provider} is unavailable (circuit open after repeated failures).`,
        { provider, reason: 'circuit_open', retryAfter: Math.ceil(halfOpenAfterMs / 1000) },
      );
    }
    if (error instanceof BulkheadRejectedError) {
      return new HubError('PROVIDER_UNAVAILABLE', `${provider} has too many calls in progress.`, {
        provider,
        reason: 'concurrency_limit',
      });
    }
    if (error instanceof TaskCancelledError) {
      return new HubError('PROVIDER_TIMEOUT', `${provider} did not answer in time.`, { provider, reason: 'timeout' });
    }
    return new HubError('PROVIDER_ERROR', `${provider} call failed.`, { provider }, { cause: error });
  }
}
