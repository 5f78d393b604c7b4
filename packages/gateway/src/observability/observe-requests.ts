import type { IncomingMessage, ServerResponse } from 'node:http';
import { SpanStatusCode, type Tracer } from '@opentelemetry/api';
import type { HubMetrics } from './hub-metrics.js';
import { startRequestSpan } from './hub-tracing.js';

/** What a /graphql request's context says about its outcome (set by both execution paths). */
export type ObservedContext = { operationName?: string | null; sent?: { errors?: ReadonlyArray<unknown> } };

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** Codes of the answers given before GraphQL ran (docs/contract.md#http), by HTTP status. */
const STATUS_CODES: Record<number, string> = {
  400: 'BAD_USER_INPUT', 401: 'UNAUTHENTICATED', 405: 'BAD_USER_INPUT', 413: 'QUERY_TOO_COMPLEX', 414: 'QUERY_TOO_COMPLEX',
  415: 'BAD_USER_INPUT', 429: 'RATE_LIMITED', 500: 'INTERNAL_SERVER_ERROR', 503: 'SERVICE_UNAVAILABLE',
};
/** Paths named as they are in span names; any other is named by its first segment. */
const KNOWN_PATHS = new Set(['/graphql', '/healthz', '/readyz', '/metrics', '/', '/.well-known/jwks.json']);
const SAFE_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,63}$/;

/**
 * Wraps the hub's HTTP handler with its metrics (every /graphql request: operation, outcome,
 * latency, error codes) and its request span. With neither, the handler is returned as is.
 * The outcome is read when the response is over, from the context the GraphQL handler built
 * (`contexts`): the first error's code, or the code of the HTTP refusal given before GraphQL.
 */
export function observeRequests(
  handler: Handler, opts: { metrics: HubMetrics | null; tracer: Tracer | null; contexts: WeakMap<ServerResponse, ObservedContext> },
): Handler {
  const { metrics, tracer, contexts } = opts;
  if (!metrics && !tracer) return handler;
  return (req, res) => {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q === -1 ? url : url.slice(0, q);
    const graphql = path === '/graphql';
    const measured = metrics !== null && graphql;
    if (!measured && !tracer) {
      handler(req, res);
      return;
    }
    const started = performance.now();
    const traced = tracer ? startRequestSpan(tracer, req.method, KNOWN_PATHS.has(path) ? path : `/${path.split('/')[1] ?? ''}/*`, req.headers) : null;
    res.once('close', () => {
      const ctx = graphql ? contexts.get(res) : undefined;
      const codes = ctx?.sent?.errors ? ctx.sent.errors.map(errorCode) : [];
      const status = res.statusCode;
      const outcome = codes[0] ?? (status < 400 ? 'OK' : STATUS_CODES[status] ?? (status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_USER_INPUT'));
      if (measured) {
        metrics.request(ctx ? ctx.operationName : undefined, outcome, (performance.now() - started) / 1000, codes);
        if (status === 429) metrics.refused('rate');
      }
      if (traced) {
        const { span } = traced;
        span.setAttribute('http.response.status_code', status);
        if (graphql) {
          span.setAttribute('hub.outcome', outcome);
          const name = ctx?.operationName;
          if (name && SAFE_NAME.test(name)) span.setAttribute('graphql.operation.name', name);
        }
        if (status >= 500 || !res.writableFinished) span.setStatus({ code: SpanStatusCode.ERROR });
        span.end();
      }
    });
    if (traced) traced.run(() => handler(req, res));
    else handler(req, res);
  };
}

function errorCode(error: unknown): string {
  const code = (error as { extensions?: { code?: unknown } } | null)?.extensions?.code;
  return typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR';
}
