import { BrokenCircuitError, CircuitState, IsolatedCircuitError, SamplingBreaker, circuitBreaker, handleWhen } from 'cockatiel';
import {
  DEFAULT_UPSTREAM_RESILIENCE, HubError, type ProviderName, type RequestScope, type SourceConfig, type UpstreamOutcome,
  type UpstreamResilience,
} from '@hub/core';
import { ConcurrencyGate, GateRefusedError } from './concurrency-gate.js';
import { encodeQuery, type UpstreamQuery } from './encode-query.js';
import { createNodeHttpGet, httpGetFromFetch, type HttpGet, type HttpGetResponse } from './node-http-get.js';
import { parseRetryAfter } from './parse-retry-after.js';
import { RetryBudget } from './retry-budget.js';
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
  /**
   * Upper bound of the attempts of one `get()` (attempts, retry delay), counted from the moment the
   * first attempt holds a concurrency slot. Default: `config.timeoutMs + 500`, so that a hanging
   * upstream fails its fields within the timeout plus one second (docs/contract.md#upstreams) even
   * though a timed-out attempt may be retried once. Waiting for a slot is bounded separately
   * (`queueTimeoutMs`).
   */
  deadlineMs?: number;
} & Partial<UpstreamResilience>;

export type UpstreamClient = {
  provider: ProviderName;
  /**
   * GET baseUrl+route?query&recipient=scope.recipient with `Authorization: Bearer token`.
   * Resolves with the parsed JSON body of a 2xx; throws a HubError otherwise:
   * 404 → NOT_FOUND; 502/503/509/429, connection failure → PROVIDER_UNAVAILABLE; no call made
   * because the circuit is open (`circuit_open`) or no concurrency slot was free in time
   * (`overloaded`) → PROVIDER_UNAVAILABLE; an attempt timeout or an upstream 504 →
   * PROVIDER_TIMEOUT; an unparseable 2xx body or any other status → PROVIDER_ERROR; each with
   * extensions {provider, upstreamCode (the upstream's own code, e.g. "37999" or "dgfip_404"),
   * retryAfter when known, reason for failures detected by the hub itself}. Calls
   * scope.onUpstreamCall once per HTTP attempt.
   */
  get(route: string, query: UpstreamQuery, scope: RequestScope): Promise<unknown>;
  /** The circuit as readiness probes and metrics see it. */
  circuit(): 'closed' | 'open' | 'half_open';
};

const DEFAULT_TIMEOUT_MS = 5_000;

/** What an attempt ended with, as the breaker sees it: the upstream's own failures are thrown
 * (and counted), every other outcome — a body, a 404, a 422 — is an answer (counted as a success). */
type Answer = { ok: true; body: unknown } | { ok: false; error: HubError };
type Result = { ok: true; body: unknown } | { ok: false; error: HubError; ran: boolean; slotAt: number };

/**
 * The one HTTP client of every source. Per call, from the outside in:
 *
 * 1. circuit check: an open circuit, or a half-open one whose single probe is in flight, refuses
 *    at once (`circuit_open`, `retryAfter` from the breaker's clock) — no call is made;
 * 2. concurrency gate: a slot among `maxConcurrent`, waiting at most `queueTimeoutMs` in a queue
 *    of at most `queueLimit`; no slot → `overloaded`. Queueing is the hub's own congestion, so it
 *    never counts against the upstream;
 * 3. circuit breaker (cockatiel's SamplingBreaker): the failure *rate* of the attempts that ran,
 *    over a sliding window with a minimum number of attempts; only the upstream's own failures
 *    count (5xx, attempt timeouts, connection errors), never a 4xx;
 * 4. the attempt, under its own timeout (`timeoutMs`, cut to what is left of the deadline);
 * 5. at most one retry (502/503, timeout, connection failure), jittered, if the source's retry
 *    budget allows it and the deadline leaves time; a refused retry (circuit, gate, budget)
 *    returns the first attempt's own error, so the code says what actually happened.
 *
 * The gate, breaker and budget belong to this client: create one client per provider and keep it
 * for the life of the process; nothing about a request or a citizen is kept in it.
 *
 * Query parameters are personal data: they are never logged and never put into error messages.
 */
export function createUpstreamClient(opts: UpstreamClientOptions): UpstreamClient {
  const { provider, config, errorFormat } = opts;
  const settings: UpstreamResilience = { ...DEFAULT_UPSTREAM_RESILIENCE };
  for (const key of Object.keys(settings) as (keyof UpstreamResilience)[]) {
    const value = opts[key] ?? config.resilience?.[key];
    if (value !== undefined) settings[key] = value;
  }
  const maxConcurrent = Math.max(1, config.maxConcurrent);
  const httpGet: HttpGet = opts.fetchImpl ? httpGetFromFetch(opts.fetchImpl) : createNodeHttpGet(maxConcurrent);
  const timeoutMs = config.timeoutMs > 0 ? config.timeoutMs : DEFAULT_TIMEOUT_MS;
  const deadlineMs = opts.deadlineMs ?? timeoutMs + 500;
  const retryBaseDelayMs = opts.retryBaseDelayMs ?? 100;
  const baseUrl = config.baseUrl.replace(/\/+$/, '');

  const gate = new ConcurrencyGate(maxConcurrent, settings.queueLimit);
  const budget = new RetryBudget({ rate: settings.retryBudgetRate, minPerSecond: settings.retryBudgetMinPerSecond, windowMs: settings.breakerWindowMs });
  // Errors an attempt throws, with what the policies need to know about them.
  const retryable = new WeakSet<Error>();
  const upstreamFailures = new WeakSet<Error>();
  const breaker = circuitBreaker(handleWhen((error) => upstreamFailures.has(error)), {
    halfOpenAfter: settings.breakerHalfOpenMs,
    breaker: new SamplingBreaker({
      threshold: settings.breakerFailureRate,
      duration: settings.breakerWindowMs,
      // cockatiel states the minimum as a rate; the window makes it a number of attempts.
      minimumRps: settings.breakerMinCalls / (settings.breakerWindowMs / 1000),
    }),
  });
  let openedAt = 0;
  breaker.onBreak(() => {
    openedAt = Date.now();
  });

  /** Seconds until the circuit lets a probe through (1 at least). */
  function retryAfterSeconds(): number {
    const remaining = breaker.state === CircuitState.HalfOpen ? timeoutMs : openedAt + settings.breakerHalfOpenMs - Date.now();
    return Math.max(1, Math.ceil(remaining / 1000));
  }

  /** cockatiel lets calls that arrive during a half-open probe wait for it and then call anyway;
   * here they are refused at once, like calls arriving while the circuit is open. */
  function circuitRefuses(): boolean {
    const state = breaker.state;
    if (state === CircuitState.HalfOpen || state === CircuitState.Isolated) return true;
    return state === CircuitState.Open && Date.now() - openedAt < settings.breakerHalfOpenMs;
  }

  function circuitOpen(): HubError {
    return new HubError('PROVIDER_UNAVAILABLE', `${provider} is unavailable (circuit open after repeated failures).`, {
      provider,
      reason: 'circuit_open',
      retryAfter: retryAfterSeconds(),
    });
  }

  function overloaded(): HubError {
    return new HubError('PROVIDER_UNAVAILABLE', `${provider} has too many calls waiting; try again shortly.`, {
      provider,
      reason: 'overloaded',
      retryAfter: 1,
    });
  }

  /**
   * One attempt through the circuit check, the gate and the breaker; never throws. `ran` tells
   * whether the upstream was called; `slotAt` when the slot was obtained (the deadline's origin).
   */
  async function guardedAttempt(
    url: string, route: string, scope: RequestScope, wait: { maxWaitMs: number; deadlineAt?: number },
  ): Promise<Result> {
    if (circuitRefuses()) return { ok: false, error: circuitOpen(), ran: false, slotAt: performance.now() };
    let release: () => void;
    try {
      release = await gate.acquire(wait.maxWaitMs);
    } catch (error) {
      if (error instanceof GateRefusedError) return { ok: false, error: overloaded(), ran: false, slotAt: performance.now() };
      throw error;
    }
    const slotAt = performance.now();
    try {
      // Checked again: the circuit may have opened, or a probe started, while this call queued.
      if (circuitRefuses()) return { ok: false, error: circuitOpen(), ran: false, slotAt };
      const attemptMs = Math.floor(wait.deadlineAt === undefined ? timeoutMs : Math.min(timeoutMs, wait.deadlineAt - slotAt));
      if (attemptMs < 1) return { ok: false, error: overloaded(), ran: false, slotAt };
      const answer = await breaker.execute(() => timedAttempt(url, route, scope, attemptMs));
      return answer.ok ? answer : { ...answer, ran: true, slotAt };
    } catch (error) {
      if (error instanceof HubError) return { ok: false, error, ran: true, slotAt };
      // The breaker itself refused (it opened between the check and the call): nothing was sent.
      if (error instanceof BrokenCircuitError || error instanceof IsolatedCircuitError) return { ok: false, error: circuitOpen(), ran: false, slotAt };
      return { ok: false, error: new HubError('PROVIDER_ERROR', `${provider} call failed.`, { provider }, { cause: error }), ran: true, slotAt };
    } finally {
      release();
    }
  }

  async function timedAttempt(url: string, route: string, scope: RequestScope, attemptMs: number): Promise<Answer> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), attemptMs);
    try {
      return { ok: true, body: await attempt(url, route, scope, controller.signal, attemptMs) };
    } catch (error) {
      // Thrown on: counted by the breaker. Returned: an answer, however unwelcome.
      if (error instanceof HubError && !upstreamFailures.has(error)) return { ok: false, error };
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  async function attempt(url: string, route: string, scope: RequestScope, signal: AbortSignal, attemptMs: number): Promise<unknown> {
    const started = performance.now();
    const span = scope.traceUpstream?.(provider, route);
    const record = (status: number | null, outcome: UpstreamOutcome): void => {
      span?.end(status, outcome);
      scope.onUpstreamCall({ provider, route, status, outcome, durationMs: Math.round(performance.now() - started) });
    };
    const fail = (error: HubError, { retry: canRetry, breaker: counts }: { retry: boolean; breaker: boolean }): HubError => {
      if (canRetry) retryable.add(error);
      if (counts) upstreamFailures.add(error);
      return error;
    };
    const networkFailure = (status: number | null, cause: unknown): HubError => {
      if (signal.aborted) {
        record(status, 'timeout');
        return fail(
          new HubError('PROVIDER_TIMEOUT', `${provider} did not answer within ${attemptMs} ms.`, { provider, reason: 'timeout' }, { cause }),
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
    const bearer = scope.upstreamBearer ?? config.token;
    try {
      response = await httpGet(url, {
        headers: span ? { ...span.headers, authorization: `Bearer ${bearer}`, accept: 'application/json' } : { authorization: `Bearer ${bearer}`, accept: 'application/json' },
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
      // The upstream's own failures: 5xx (and DGFIP's 509). A 429 is our quota, a 4xx our request.
      breaker: response.status >= 500,
    });
  }

  const client: UpstreamClient = {
    provider,
    circuit() {
      const state = breaker.state;
      return state === CircuitState.Closed ? 'closed' : state === CircuitState.HalfOpen ? 'half_open' : 'open';
    },
    async get(route, query, scope) {
      const url = `${baseUrl}${route}?${encodeQuery({ ...query, recipient: scope.recipient })}`;
      budget.recordCall();
      const first = await guardedAttempt(url, route, scope, { maxWaitMs: settings.queueTimeoutMs });
      if (first.ok) return first.body;
      if (!first.ran || !retryable.has(first.error)) throw first.error;
      // The deadline runs from the first attempt's slot: the queueing before it is bounded on its own.
      const deadlineAt = first.slotAt + deadlineMs;
      const delay = Math.round(retryBaseDelayMs * (0.5 + Math.random()));
      // A retry needs time to be useful and budget; otherwise the first answer stands.
      if (deadlineAt - performance.now() - delay < Math.min(50, timeoutMs) || !budget.tryRetry()) throw first.error;
      await new Promise((resolve) => setTimeout(resolve, delay));
      const second = await guardedAttempt(url, route, scope, { maxWaitMs: Math.max(0, deadlineAt - performance.now() - 50), deadlineAt });
      if (second.ok) return second.body;
      // A retry refused before any call (circuit, gate) leaves the first attempt's error: the truth.
      throw second.ran ? second.error : first.error;
    },
  };
  config.onClient?.(client);
  return client;
}
