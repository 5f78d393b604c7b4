import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { Mount, PageHandler } from './mount.js';
import { handleGraphQL, type GraphQLHandlerDeps } from './graphql-handler.js';
import { sendGraphQLError, sendJson } from './respond.js';
import { DatabaseOutage, isDatabaseUnavailable, OUTAGE_RETRY_AFTER } from '../outage/database-outage.js';

export type { Mount } from './mount.js';

export type RequestHandlerDeps = GraphQLHandlerDeps & {
  logger: Logger;
  jwks(): Promise<unknown>;
  ready(): Promise<{ ok: boolean; checks: Record<string, string>; upstreams?: Record<string, string> }>;
  explorer?: PageHandler;
  mounts: Mount[];
};

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** The hub's single HTTP entry point: a small explicit router over node:http. */
export function createRequestHandler(deps: RequestHandlerDeps) {
  const outage = new DatabaseOutage();
  return (req: IncomingMessage, res: ServerResponse): void => {
    const started = process.hrtime.bigint();
    const incoming = req.headers['x-request-id'];
    const requestId = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader('x-request-id', requestId);
    // Every answer, whatever route writes it (JSON, pages, JWKS, sandbox, errors): browsers must not
    // sniff a JSON or text body into HTML or script.
    res.setHeader('x-content-type-options', 'nosniff');
    // No per-request child logger when nothing would be logged (LOG_LEVEL=silent).
    const logger = deps.logger.isLevelEnabled('fatal') ? deps.logger.child({ requestId }) : deps.logger;
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://hub.invalid');
    } catch {
      sendJson(res, 400, { error: 'bad_request', message: 'Malformed request URL.' });
      return;
    }
    res.on('finish', () => {
      // Method, route and status only: query strings may carry consent tokens.
      logger.info({ method: req.method, path: url.pathname, status: res.statusCode, ms: Number(process.hrtime.bigint() - started) / 1e6 }, 'request');
    });
    route(deps, req, res, url, requestId, logger).then(() => {
      if (url.pathname === '/graphql' && res.statusCode < 500) outage.recovered(deps.logger);
    }, (error: unknown) => {
      // Database down: a coded 503, logged once per outage; nothing was released (the journal
      // entry comes first, and it needs the database).
      if (isDatabaseUnavailable(error)) {
        outage.report(deps.logger, error);
        if (!res.headersSent) {
          sendGraphQLError(res, 503, 'SERVICE_UNAVAILABLE', 'The hub cannot serve now: its database is unreachable. Retry later.',
            { reason: 'database_unavailable', retryAfter: OUTAGE_RETRY_AFTER }, { 'retry-after': String(OUTAGE_RETRY_AFTER) }, req.headers.accept);
        } else res.destroy();
        return;
      }
      logger.error({ err: error }, 'unhandled error');
      if (!res.headersSent) sendGraphQLError(res, 500, 'INTERNAL_SERVER_ERROR', `Internal server error (request id ${requestId}).`);
      else res.destroy();
    });
  };
}

async function route(deps: RequestHandlerDeps, req: IncomingMessage, res: ServerResponse, url: URL, requestId: string, logger: Logger): Promise<void> {
  const path = url.pathname;
  if (path === '/graphql') return handleGraphQL(deps, req, res, url, requestId, logger);
  if (path === '/healthz') return sendJson(res, 200, { status: 'ok' });
  if (path === '/readyz') {
    const r = await deps.ready();
    return sendJson(res, r.ok ? 200 : 503, { status: r.ok ? 'ready' : 'not_ready', checks: r.checks, ...(r.upstreams ? { upstreams: r.upstreams } : {}) });
  }
  if (path === '/.well-known/jwks.json') {
    return sendJson(res, 200, await deps.jwks(), { 'cache-control': 'public, max-age=60' });
  }
  if (path === '/' && deps.explorer) return deps.explorer.handlePage(req, res);
  for (const mount of deps.mounts) {
    if (path === mount.prefix || path.startsWith(`${mount.prefix}/`)) {
      const rest = (req.url ?? '/').slice(mount.prefix.length) || '/';
      return mount.handle(req, res, rest.startsWith('/') ? rest : `/${rest}`);
    }
  }
  sendJson(res, 404, { error: 'not_found', message: `No route for ${req.method} ${path}.` });
}
