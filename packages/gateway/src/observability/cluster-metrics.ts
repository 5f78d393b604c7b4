import cluster from 'node:cluster';
import type { Server } from 'node:http';
import { AggregatorRegistry } from 'prom-client';
import type { HubMetrics } from './hub-metrics.js';
import { startMetricsServer, type MetricsExposition } from './metrics-endpoint.js';

const REQUEST = 'hub:metrics-request';
const ANSWER = 'hub:metrics-answer';
/** prom-client's own bound for the workers' answers is 5 s; a little more for the round trip. */
const ANSWER_TIMEOUT_MS = 6_000;

type Request = { type: typeof REQUEST; id: number };
type Answer = { type: typeof ANSWER; id: number; body?: string; contentType?: string; error?: string };

/**
 * HUB_WORKERS > 1 (docs/operations.md#metrics): one scrape covers every worker. Each worker keeps
 * its own registry (prom-client collects it over the cluster's IPC channel when the primary's
 * AggregatorRegistry asks); the primary adds them up — counters and histograms summed, gauges
 * summed too (a circuit state's gauge is then the number of workers in that state), per
 * prom-client's aggregators for its process metrics.
 *
 * In a worker: the exposition `GET /metrics` on the shared main port serves, whichever worker the
 * connection landed on, asked of the primary.
 */
export function workerMetrics(metrics: HubMetrics): MetricsExposition {
  AggregatorRegistry.setRegistries([metrics.registry]);
  // prom-client answers the primary's requests once an AggregatorRegistry exists in the process.
  new AggregatorRegistry();
  let next = 0;
  const waiting = new Map<number, (answer: Answer) => void>();
  process.on('message', (message: unknown) => {
    const answer = message as Answer | null;
    if (answer && typeof answer === 'object' && answer.type === ANSWER) waiting.get(answer.id)?.(answer);
  });
  return {
    exposition: () => new Promise((resolve, reject) => {
      const id = next++;
      const timer = setTimeout(() => {
        waiting.delete(id);
        reject(new Error('the primary did not answer the metrics request'));
      }, ANSWER_TIMEOUT_MS);
      waiting.set(id, (answer) => {
        clearTimeout(timer);
        waiting.delete(id);
        if (answer.body !== undefined && answer.contentType) resolve({ contentType: answer.contentType, body: answer.body });
        else reject(new Error(`cluster metrics: ${answer.error ?? 'no answer'}`));
      });
      process.send!({ type: REQUEST, id } satisfies Request);
    }),
  };
}

/**
 * In the primary: the aggregated exposition, answered to the workers that ask for it and, with
 * HUB_METRICS_PORT, served on that port by the primary alone (the workers do not open it).
 */
export async function startClusterMetrics(options: { metricsPort: number | null; host: string }): Promise<{ close(): Promise<void> }> {
  const aggregator = new AggregatorRegistry();
  const exposition: MetricsExposition = {
    exposition: async () => ({ contentType: aggregator.contentType, body: await aggregator.clusterMetrics() }),
  };
  const onMessage = (worker: { send(message: Answer): boolean; isConnected(): boolean }, message: unknown) => {
    const request = message as Request | null;
    if (!request || typeof request !== 'object' || request.type !== REQUEST) return;
    exposition.exposition().then(
      ({ contentType, body }) => ({ type: ANSWER, id: request.id, contentType, body }) satisfies Answer,
      (error: unknown) => ({ type: ANSWER, id: request.id, error: error instanceof Error ? error.message : 'error' }) satisfies Answer,
    ).then((answer) => {
      if (worker.isConnected()) worker.send(answer);
    }, () => undefined);
  };
  cluster.on('message', onMessage);
  const server: Server | null = options.metricsPort !== null ? await startMetricsServer(exposition, options.metricsPort, options.host) : null;
  return {
    async close() {
      cluster.off('message', onMessage);
      if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
