import cluster from 'node:cluster';
import { createHub, DEMO_OPERATOR_PATH, prepareDemo, startClusterMetrics, type HubConfig } from '@hub/gateway';

/**
 * `hub start` (what `npm start` runs): migrations, keys, demo operator, HTTP server. With
 * HUB_WORKERS=N > 1 (node:cluster) the primary prepares the database once (migrations, keys,
 * demo operator), then forks N workers that share the port; everything they share is in
 * PostgreSQL (or Redis). SIGTERM drains (docs/operations.md#shutdown), then exits 0.
 */
export async function startCommand(config: HubConfig, out: (line: string) => void): Promise<void> {
  if (cluster.isWorker) return serveWorker(config);
  const hub = await createHub(config);
  if (config.workers > 1) {
    await hub.close();
    return startPrimary(config, out);
  }
  const { url } = await listenOrClose(hub);
  const base = config.publicUrl.includes(`:${config.port}`) || config.port === 0 ? url : config.publicUrl;
  out('');
  out(`Particulier Hub listening on ${base}`);
  out(`  GraphQL      ${base}/graphql   (explorer: ${base}/)`);
  out(`  JWKS         ${base}/.well-known/jwks.json`);
  if (config.sandbox.enabled) out(`  Sandbox      ${base}/sandbox   (fictitious upstreams and identity provider)`);
  out(`  Database     ${config.database.kind === 'pg' ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.database.dataDir}`}`);
  if (config.demo) {
    const demo = await prepareDemo(hub.store, hub.admin, config.sandbox.enabled ? { publicUrl: config.publicUrl } : {});
    if (demo) {
      out('');
      out(`Demo operator${demo.created ? ' created' : ''} (id ${demo.operatorId}); a token valid for 12 hours:`);
      out('');
      out(`  ${demo.token}`);
      out('');
      out('Try it:');
      out('');
      out(`  curl -s ${base}/graphql -H 'Authorization: Bearer ${demo.token}' -H 'Content-Type: application/json' \\`);
      out(`    -d '{"query":"{ viewer { name siret scopes } }"}'`);
      if (config.sandbox.enabled) {
        out('');
        out('A sandbox consent for a synthetic citizen (see: npx hub sandbox personas):');
        out('');
        out(`  npx hub consent grant --operator ${demo.operatorId} --persona sophie-lambert --scopes identite_pivot,cnaf_quotient_familial --purpose "Démonstration" --json`);
        out('');
        out('The whole consent journey in a browser (the demo operator\'s site: consent page, token, query):');
        out('');
        out(`  ${base}${DEMO_OPERATOR_PATH}`);
      }
    }
  }
  out('');
  const stop = async (signal: string) => {
    hub.logger.info({ signal }, 'stopping: draining in-flight requests');
    try {
      await hub.shutdown();
    } catch (error) {
      hub.logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

/**
 * Listens, or closes the hub and rethrows (a port in use, say): its database, admin socket and
 * timers would otherwise keep a process alive that serves nothing and holds the data directory.
 */
async function listenOrClose(hub: Awaited<ReturnType<typeof createHub>>): Promise<{ url: string }> {
  try {
    return await hub.listen();
  } catch (error) {
    await hub.close().catch(() => undefined);
    throw error;
  }
}

/** One worker: the hub on the shared port (the primary prepared the database, printed the banner). */
async function serveWorker(config: HubConfig): Promise<void> {
  const hub = await createHub({ ...config, demo: false });
  await listenOrClose(hub);
  const stop = async () => {
    await hub.shutdown().catch((error: unknown) => hub.logger.error({ err: error }, 'shutdown failed'));
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
  // The primary asks by message too (cluster.disconnect would cut the in-flight requests).
  process.on('message', (message) => {
    if (message === 'hub:shutdown') void stop();
  });
}

async function startPrimary(config: HubConfig, out: (line: string) => void): Promise<void> {
  let stopping = false;
  const { metricsToken, metricsPort } = config.observability;
  // One scrape for every worker: the primary adds up their registries (and serves HUB_METRICS_PORT).
  if (metricsToken !== null || metricsPort !== null) await startClusterMetrics({ metricsPort, host: config.host });
  const forkOne = () => cluster.fork({ HUB_WORKER: '1' });
  for (let i = 0; i < config.workers; i++) forkOne();
  let listening = 0;
  cluster.on('listening', () => {
    listening += 1;
    if (listening === config.workers) {
      out(`Particulier Hub listening on ${config.publicUrl} (${config.workers} workers)`);
    }
  });
  cluster.on('exit', (worker, code, signal) => {
    if (!stopping) {
      out(`worker ${worker.process.pid} exited (${signal ?? code}); starting another`);
      forkOne();
    } else if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
  });
  const stop = () => {
    if (stopping) return;
    stopping = true;
    // A worker whose channel already closed (it is exiting) must not crash the primary: send only to
    // connected workers, and take a failed send as that worker's own exit, which 'exit' reports.
    for (const worker of Object.values(cluster.workers ?? {})) {
      if (worker?.isConnected()) worker.send('hub:shutdown', (error: Error | null) => void error);
    }
    // A worker that does not finish within its own bound plus a margin is killed.
    setTimeout(() => {
      for (const worker of Object.values(cluster.workers ?? {})) worker?.kill('SIGKILL');
      process.exit(1);
    }, config.shutdownTimeoutMs + 10_000).unref();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
