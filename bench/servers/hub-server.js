/**
 * The real hub (createHub, full policy) in its own process, on its own Postgres schema (or an
 * in-memory PGlite), with an operator, its habilitation, an API token and a consent.
 * `disableJournal` and `disableRateLimits` are the benchmark-only switches of createHub.
 */
import { createHub, loadConfig } from '@hub/gateway';
import { createStore, openDatabase } from '@hub/store';
import { serveChild } from '../lib/child-protocol.js';
import { BENCH_PERSONA, BENCH_SCOPES } from '../queries.js';

serveChild(async ({ database, disableJournal, disableRateLimits = false, metrics = false, upstreamUrl, upstreamToken, logLevel }) => {
  const db = await openDatabase(database);
  const config = loadConfig({
    PORT: '0', HOST: '127.0.0.1', HUB_SANDBOX: '1', LOG_LEVEL: logLevel,
    HUB_UPSTREAM_URL: upstreamUrl, HUB_UPSTREAM_TOKEN: upstreamToken,
    // Metrics on (tracing stays off: no OTEL_EXPORTER_OTLP_ENDPOINT), for their cost (issue 15).
    ...(metrics ? { HUB_METRICS_TOKEN: 'bench-metrics-token-0123456789' } : {}),
    // Rate limiting stays on (its cost is measured) with a limit the load never reaches.
    HUB_RATE_LIMIT_PER_MINUTE: process.env.HUB_RATE_LIMIT_PER_MINUTE ?? '1000000',
    // Tuning knobs of the hub, passed through when the bench is run with them set.
    ...(process.env.HUB_DB_BATCH_INTERVAL_MS ? { HUB_DB_BATCH_INTERVAL_MS: process.env.HUB_DB_BATCH_INTERVAL_MS } : {}),
    ...(process.env.HUB_RATE_BATCH_INTERVAL_MS ? { HUB_RATE_BATCH_INTERVAL_MS: process.env.HUB_RATE_BATCH_INTERVAL_MS } : {}),
  });
  const hub = await createHub(config, { store: createStore(db), disableJournal, disableRateLimits });
  const { admin } = hub;
  const siret = '21690123100011';
  const operator = await admin.addOperator({ name: 'Banc d\'essai', siret });
  await admin.grantHabilitation({ operator: operator.id, scopes: BENCH_SCOPES, purpose: 'Banc d\'essai', legalBasis: 'Benchmark' });
  const { token } = await admin.issueToken({ operator: operator.id, ttl: '1h' });
  const consent = await admin.grantConsent({ operator: operator.id, scopes: BENCH_SCOPES, purpose: 'Banc d\'essai', persona: BENCH_PERSONA, ttl: '1h' });
  const { url } = await hub.listen();
  return {
    info: { url, siret, operatorToken: token, consentToken: consent.token },
    stop: async () => {
      // autocannon stops with requests in flight; let them finish before the pool is destroyed
      // (otherwise knex prints an "aborted" error per request still waiting for a connection).
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await hub.close();
      await db.close();
    },
  };
});
