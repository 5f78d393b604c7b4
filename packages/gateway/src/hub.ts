import cluster from 'node:cluster';
import http, { type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { createSandbox } from '@hub/sandbox';
import { JournalWriter, createStore, migrateLatest, openDatabase, type Store } from '@hub/store';
import type { AdminService } from './admin/admin-service.js';
import { createAdminService } from './admin/create-admin-service.js';
import { startAdminSocket } from './admin/admin-socket.js';
import { Authenticator } from './auth/authenticator.js';
import { createSources } from './resolvers/create-sources.js';
import { createReleaseRecorder, journalPlugin } from './plugins/journal-plugin.js';
import type { GraphQLContext } from './resolvers/context.js';
import type { UpstreamCallRecord } from '@hub/core';
import type { HubConfig } from './config.js';
import { buildHubSchema } from './graphql/build-schema.js';
import { createApollo, hubValidationRules } from './graphql/create-apollo.js';
import { logUnexpectedErrors } from './plugins/error-logging-plugin.js';
import { formatError } from './graphql/format-error.js';
import { PreparedOperations } from './graphql/prepared-operations.js';
import { CostMeter } from './graphql/operation-cost.js';
import { costPlugin, type CostCheck } from './plugins/cost-plugin.js';
import { createRequestHandler, type Mount } from './http/request-handler.js';
import { createLogger } from './logger.js';
import { createExplorer } from './explorer/index.js';
import { createCitizenSpace, storeAccessLog, storeOperatorDirectory } from './citizen/index.js';
import { createConsentFlow, storeCitizenConsents } from './consent/index.js';
import { createDemoOperator, demoFranceConnectCallbackUri } from './demo-operator/index.js';
import { postgresCounterStore, redisCounterStore } from './limits/counter-store.js';
import { OperatorLimitsService } from './limits/operator-limits.js';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { ProviderName, SourceConfig } from '@hub/core';
import { HubMetrics } from './observability/hub-metrics.js';
import { inSpan, recordFinishedSpan, startTracing, startUpstreamSpan } from './observability/hub-tracing.js';
import { observeRequests, type ObservedContext } from './observability/observe-requests.js';
import { consentObserver } from './observability/consent-observer.js';
import { metricsRoute, startMetricsServer } from './observability/metrics-endpoint.js';
import { workerMetrics } from './observability/cluster-metrics.js';
import { readiness } from './observability/readiness.js';
import { outcomePlugin } from './plugins/outcome-plugin.js';
import { EncryptionKey } from './auth/encryption-key.js';
import { SealedSigningKeys } from './auth/sealed-signing-keys.js';
import { CheckTokenClient } from './franceconnect/check-token-client.js';
import { FranceConnectConsents } from './franceconnect/franceconnect-consents.js';

export type Hub = {
  config: HubConfig;
  store: Store;
  admin: AdminService;
  logger: Logger;
  /** Starts listening; resolves with the base URL actually bound (port 0 → ephemeral). */
  listen(): Promise<{ url: string }>;
  /** Stops at once: open connections are cut (tests). */
  close(): Promise<void>;
  /** SIGTERM: stops accepting, lets in-flight requests finish (at most HUB_SHUTDOWN_TIMEOUT_MS),
   * then commits the journal's pending entries and closes the pool (docs/operations.md#shutdown). */
  shutdown(): Promise<void>;
  /** Prometheus metrics (null unless HUB_METRICS_TOKEN or HUB_METRICS_PORT is set). */
  metrics: HubMetrics | null;
};

export type CreateHubOptions = {
  logger?: Logger;
  /** Open the database elsewhere (tests share one); otherwise from config. */
  store?: Store;
  /** Benchmarks only (journal on/off in one run): never reachable from configuration. */
  disableJournal?: boolean;
  /** Benchmarks only (rate limiting on/off in one run): no rate limit, no daily quota; never reachable from configuration. */
  disableRateLimits?: boolean;
  /** Tests and benchmarks only: every request through Apollo's pipeline (the reference path). */
  disablePreparedOperations?: boolean;
  /** Tests only: the consent flow's clock and lifetimes (one-time codes, pushed request URIs). */
  consentFlow?: { now?: () => number; codeTtlSeconds?: number; requestUriTtlSeconds?: number };
  /** Tests only: tracing on, exporting to this exporter (whatever OTEL_EXPORTER_OTLP_ENDPOINT says). */
  spanExporter?: SpanExporter;
};

/** The composition root: database, keys, authentication, graph, HTTP server. */
export async function createHub(config: HubConfig, options: CreateHubOptions = {}): Promise<Hub> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const ownsStore = !options.store;
  const store = options.store ?? createStore(await openDatabase(config.database.kind === 'pg' ? { kind: 'pg', url: config.database.url, timeouts: config.databaseTimeouts } : { kind: 'pglite', dataDir: config.database.dataDir }));
  const closers: (() => Promise<void>)[] = [];
  try {
    // Off unless an OTLP endpoint is set: then the SDK is imported, and the spans flushed last.
    const { otlpEndpoint, serviceName, metricsToken, metricsPort } = config.observability;
    const tracing = otlpEndpoint || options.spanExporter
      ? await startTracing({ serviceName, ...(otlpEndpoint ? { endpoint: otlpEndpoint } : {}), ...(options.spanExporter ? { exporter: options.spanExporter } : {}) })
      : null;
    if (tracing) closers.push(() => tracing.shutdown());
    const tracer = tracing?.tracer ?? null;
    await migrateLatest(store.db.knex);
    const { admin, keyRing, consents } = await createAdminService(store, config);
    const authenticator = new Authenticator(store, keyRing, config.issuer, config.tokenCacheSeconds);
    // Each provider's client reports itself, for readiness and metrics to read its circuit.
    const clients = new Map<string, { circuit(): 'closed' | 'open' | 'half_open' }>();
    const upstreams = Object.fromEntries(Object.entries(config.upstreams).map(([provider, source]) => [
      provider, { ...source, onClient: (client) => { clients.set(client.provider, client); } } satisfies SourceConfig,
    ])) as Record<ProviderName, SourceConfig>;
    const circuits = () => Object.fromEntries([...clients].map(([provider, client]) => [provider, client.circuit()]));
    const metrics: HubMetrics | null = metricsToken !== null || metricsPort !== null
      ? new HubMetrics({ circuits, documentCache: (): { entries: number; bytes: number } => prepared?.cacheSize() ?? { entries: 0, bytes: 0 } })
      : null;
    // HUB_WORKERS > 1: the primary collects every worker's registry and /metrics serves the sum.
    const exposed = metrics && cluster.isWorker ? workerMetrics(metrics) : metrics;
    if (metrics || tracer) consents.observer = consentObserver(metrics, tracer);
    const sources = createSources(upstreams);
    // FranceConnect mode: the hub's RSA key that check-token answers are encrypted to (JWKS `use: enc`).
    const encryptionKey = config.franceConnect ? new EncryptionKey(new SealedSigningKeys(store.signingKeys, config.keyEncryptionKey)) : null;
    await encryptionKey?.ensureKey();
    const franceConnect = config.franceConnect && encryptionKey
      ? new FranceConnectConsents(new CheckTokenClient(config.franceConnect, (alg) => encryptionKey.decryptionKeys(alg)), store, config.subjectKey)
      : undefined;
    const counters = config.limits.redisUrl ? await redisCounterStore(config.limits.redisUrl) : postgresCounterStore(store.db.knex, store.subjectQuota);
    closers.push(() => counters.close());
    const limits = new OperatorLimitsService(counters, store.operatorLimits, config.limits, undefined, config.rateBatchIntervalMs);
    const admitSubjects = options.disableRateLimits
      ? async () => new Set<number>()
      : (operatorId: string, subjects: Parameters<OperatorLimitsService['admitSubjects']>[1]) => limits.admitSubjects(operatorId, subjects);
    const journal = new JournalWriter(store.db.knex, {
      minBatchIntervalMs: config.dbBatchIntervalMs,
      ...(metrics || tracer ? {
        onCommit: (event) => {
          metrics?.journalCommit(event);
          // A child of the append that started the batch (the flush runs in its async context).
          if (tracer) recordFinishedSpan(tracer, 'hub.journal.commit', event.durationMs, { 'hub.journal.entries': event.entries, 'hub.journal.callers': event.callers }, !event.ok);
        },
      } : {}),
    });
    closers.push(() => journal.close());
    const record = options.disableJournal ? undefined : createReleaseRecorder(journal);
    const recordRelease: typeof record = record && tracer
      ? (ctx, result) => (ctx.subjects.size === 0 ? record(ctx, result) : inSpan(tracer, 'hub.journal.append', {}, () => record(ctx, result)))
      : record;
    // Both execution paths leave the result on the context for the metrics and the request span.
    const observed = metrics !== null || tracer !== null;
    const beforeSend: typeof record = observed
      ? async (ctx, result) => {
        if (recordRelease) await recordRelease(ctx, result);
        ctx.sent = result;
      }
      : recordRelease;
    const schema = buildHubSchema();
    const costMeter = new CostMeter(schema, config.queryLimits);
    const cost: CostCheck = (document, operation, variables, ctx) => costMeter.check(document, operation, variables, ctx.principal.scopes);
    const apollo = await createApollo(schema, [...(recordRelease ? [journalPlugin(recordRelease)] : []), costPlugin(cost), ...(observed ? [outcomePlugin()] : [])], config.queryLimits);
    closers.push(() => apollo.stop());
    const prepared = options.disablePreparedOperations ? undefined : new PreparedOperations({
      schema, validationRules: hubValidationRules(config.queryLimits), maxTokens: config.queryLimits.maxTokens, formatError,
      onErrors: (ctx, errors) => logUnexpectedErrors(ctx.logger, errors),
      ...(beforeSend ? { beforeSend } : {}),
      cost, maxCacheBytes: config.documentCacheBytes,
    });

    const mounts: Mount[] = [];
    if (config.idp) {
      // openid-client refuses plain http; allowed for the sandbox IdP (and loopback issuers) only.
      const idp = { ...config.idp, ...(config.sandbox.enabled ? { allowInsecureHttp: true } : {}) };
      const clock = options.consentFlow?.now;
      mounts.push(createCitizenSpace({
        publicUrl: config.publicUrl, idp, sessionKey: config.sessionKey, subjectKey: config.subjectKey,
        accessLog: storeAccessLog(store), operatorNames: storeOperatorDirectory(store), logger,
        consents: storeCitizenConsents({ store, consents, keyRing, issuer: config.issuer, withdrawUrl: `${config.publicUrl}/me/consents`, ...(clock ? { now: clock } : {}) }),
        ...(clock ? { now: clock } : {}),
      }));
      mounts.push(createConsentFlow({
        publicUrl: config.publicUrl, issuer: config.issuer, store, consents, keyRing, authenticator, idp,
        sessionKey: config.sessionKey, logger, sandbox: config.sandbox.enabled,
        ...options.consentFlow,
      }));
    }
    const explorer = createExplorer();
    mounts.push(explorer.assets);
    if (metrics && metricsToken) {
      const serveMetrics = metricsRoute(exposed!, metricsToken);
      mounts.push({ prefix: '/metrics', handle: (req, res) => serveMetrics(req, res) });
    }
    if (config.sandbox.enabled) {
      // Never in production: HUB_SANDBOX unset means no /sandbox route at all.
      // The sandbox IdP knows the hub's callbacks and the demo operator's FranceConnect callback only.
      const idpRedirectUris = [`${config.publicUrl}/me/callback`, `${config.publicUrl}/consent/callback`, `${config.publicUrl}/me`, demoFranceConnectCallbackUri(config.publicUrl)];
      const sandbox = createSandbox({
        publicUrl: `${config.publicUrl}/sandbox`, token: config.sandbox.token, faults: config.sandbox.faults, idpRedirectUris,
        franceConnect: { hubClientSecret: config.sandbox.token, hubJwksUrl: `${config.publicUrl}/.well-known/jwks.json` },
      });
      closers.push(() => sandbox.close());
      mounts.push(createDemoOperator({ publicUrl: config.publicUrl, issuer: config.issuer, sessionKey: config.sessionKey, store, admin, logger }));
      mounts.push({ prefix: '/sandbox', handle: (req, res, rest) => sandbox.handle(req, res, rest) });
    }
    const traceUpstream = tracer ? (provider: ProviderName, route: string) => startUpstreamSpan(tracer, provider, route) : null;
    const contexts = new WeakMap<ServerResponse, ObservedContext>();
    let draining = false;
    const handler = createRequestHandler({
      apollo, ...(prepared ? { prepared } : {}), authenticator, logger, mounts, explorer, ...(options.disableRateLimits ? {} : { limits }),
      createContext: (principal, requestId, requestLogger): GraphQLContext => {
        const upstreamCalls: UpstreamCallRecord[] = [];
        return {
          requestId, principal, logger: requestLogger, consents, upstreamCalls, ...(franceConnect ? { franceConnect } : {}),
          quota: metrics
            ? async (subjects) => {
              const refused = await admitSubjects(principal.operatorId, subjects);
              metrics.refused('subject_quota', refused.size);
              return refused;
            }
            : (subjects) => admitSubjects(principal.operatorId, subjects),
          subjects: new Map(),
          loaders: sources.createLoaders({
            requestId, recipient: principal.siret,
            onUpstreamCall: metrics
              ? (call) => {
                upstreamCalls.push(call);
                metrics.upstreamCall(call.provider, call.route, call.outcome, call.durationMs / 1000);
              }
              : (call) => upstreamCalls.push(call),
            ...(traceUpstream ? { traceUpstream } : {}),
          }),
        };
      },
      ...(observed ? { onContext: (res: ServerResponse, ctx: GraphQLContext) => { contexts.set(res, ctx); } } : {}),
      maxQueryBytes: config.maxQueryBytes,
      jwks: async () => ({ keys: [...(await keyRing.jwks()).keys, ...(encryptionKey ? await encryptionKey.jwks() : [])] }),
      ready: readiness({ ping: () => store.ping(), circuits, draining: () => draining }),
    });
    const serve = observeRequests(handler, { metrics, tracer, contexts });
    // In-flight requests, for the graceful shutdown to wait for them.
    let inFlight = 0;
    let onIdle: (() => void) | null = null;
    // HUB_WORKERS: which worker answered (its cluster id, not its pid), for operators and tests.
    const worker = cluster.isWorker && cluster.worker ? String(cluster.worker.id) : null;
    // Node checks both timeouts every `connectionsCheckingInterval` (30 s by default, which let a
    // 10 s headersTimeout fire at 28 s): once a second keeps them within a second or two.
    const server: Server = http.createServer({
      headersTimeout: config.server.headersTimeoutMs, requestTimeout: config.server.requestTimeoutMs,
      keepAliveTimeout: 5_000, connectionsCheckingInterval: 1_000,
    }, (req, res) => {
      inFlight += 1;
      // Draining: each answer closes its keep-alive connection.
      if (draining) res.setHeader('connection', 'close');
      if (worker) res.setHeader('x-hub-worker', worker);
      // Sandbox mode keeps its listener while draining (the in-flight requests call the sandbox
      // upstreams on this very port): everything else that arrives then is refused.
      if (draining && config.sandbox.enabled && !req.url?.startsWith('/sandbox/')) {
        res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '1' });
        res.end(JSON.stringify({ error: 'shutting_down', message: 'This hub instance is shutting down; retry.' }));
        return;
      }
      res.once('close', () => {
        inFlight -= 1;
        if (inFlight === 0) onIdle?.();
      });
      serve(req, res);
    });
    // Beyond it, new connections are closed at once instead of exhausting descriptors and memory.
    server.maxConnections = config.server.maxConnections;

    let adminSocket: Server | null = null;
    if (config.database.kind === 'pglite' && ownsStore) {
      adminSocket = await startAdminSocket(path.join(config.dataDir, 'admin.sock'), admin, logger);
    }

    let metricsServer: Server | null = null;
    let closed: Promise<void> | null = null;
    const close = () => (closed ??= (async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      if (metricsServer) await new Promise<void>((resolve) => metricsServer!.close(() => resolve()));
      if (adminSocket) await new Promise<void>((resolve) => adminSocket!.close(() => resolve()));
      // The journal writer first commits what is queued (JournalWriter.close), then the pool closes.
      for (const closer of closers.reverse()) await closer();
      if (ownsStore) await store.db.close();
    })());

    return {
      config, store, admin, logger, metrics,
      listen: async () => {
        const url = await new Promise<string>((resolve, reject) => {
          server.once('error', reject);
          server.listen(config.port, config.host, () => {
            const { port } = server.address() as AddressInfo;
            resolve(`http://localhost:${port}`);
          });
        });
        // Under HUB_WORKERS the primary serves HUB_METRICS_PORT, for all workers (startClusterMetrics).
        if (metrics && metricsPort !== null && !metricsServer && !cluster.isWorker) metricsServer = await startMetricsServer(metrics, metricsPort, config.host);
        return { url };
      },
      close,
      shutdown: async () => {
        draining = true;
        // No new connection (sandbox mode: see above); those open finish their request and close.
        if (!config.sandbox.enabled) server.close();
        server.closeIdleConnections();
        if (inFlight > 0) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, config.shutdownTimeoutMs);
            onIdle = () => {
              clearTimeout(timer);
              resolve();
            };
          });
        }
        if (inFlight > 0) logger.warn({ inFlight, timeoutMs: config.shutdownTimeoutMs }, 'shutdown timeout: cutting the requests still running');
        await close();
      },
    };
  } catch (error) {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    if (ownsStore) await store.db.close().catch(() => undefined);
    throw error;
  }
}
