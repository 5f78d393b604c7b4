import http, { type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';

/** What `/metrics` serves: one hub's registry (HubMetrics), or every worker's (cluster-metrics.ts). */
export type MetricsExposition = { exposition(): Promise<{ contentType: string; body: string }> };

/**
 * `GET /metrics` on the main port: only with `Authorization: Bearer <HUB_METRICS_TOKEN>` (the
 * exposition says nothing personal, but it describes the traffic of every operator).
 */
export function metricsRoute(metrics: MetricsExposition, token: string) {
  const expected = Buffer.from(`Bearer ${token}`);
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const given = Buffer.from(req.headers.authorization ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      res.writeHead(401, { 'content-type': 'application/json', 'www-authenticate': 'Bearer realm="metrics"', 'cache-control': 'no-store' });
      res.end(JSON.stringify({ error: 'unauthorized', message: 'GET /metrics needs Authorization: Bearer <HUB_METRICS_TOKEN>.' }));
      return;
    }
    await send(metrics, req, res);
  };
}

/** A server of its own for `/metrics` (HUB_METRICS_PORT): no token, meant for a port that only the scraper reaches. */
export async function startMetricsServer(metrics: MetricsExposition, port: number, host: string): Promise<Server> {
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== '/metrics') {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'not_found', message: 'Only /metrics is served on this port.' }));
      return;
    }
    send(metrics, req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}

async function send(metrics: MetricsExposition, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET' });
    res.end();
    return;
  }
  let exposition: { contentType: string; body: string };
  try {
    exposition = await metrics.exposition();
  } catch {
    // HUB_WORKERS: the primary or a worker did not answer in time.
    res.writeHead(503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify({ error: 'unavailable', message: 'The metrics of every worker could not be collected.' }));
    return;
  }
  const { contentType, body } = exposition;
  res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' });
  res.end(req.method === 'HEAD' ? undefined : body);
}
