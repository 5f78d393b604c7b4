import http, { type Server } from 'node:http';
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
import { createDemoOperator } from './demo-operator/index.js';
import { postgresCounterStore, redisCounterStore } from './limits/counter-store.js';
import { OperatorLimitsService } from './limits/operator-limits.js';
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
  close(): Promise<void>;
};

export type CreateHubOptions = {
  logger?: Logger;
  /** Open the database elsewhere (tests share one); otherwise from config. */
  store?: Store;
  /** Benchmarks only (journal on/off in one run): never reachable from configuration. */
  disableJournal?: boolean;
  /** Tests and benchmarks only: every request through Apollo's pipeline (the reference path). */
  disablePreparedOperations?: boolean;
  /** Tests only: the consent flow's clock and lifetimes (one-time codes, pushed request URIs). */
  consentFlow?: { now?: () => number; codeTtlSeconds?: number; requestUriTtlSeconds?: number };
};

/** The composition root: database, keys, authentication, graph, HTTP server. */
export async function createHub(config: HubConfig, options: CreateHubOptions = {}): Promise<Hub> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const ownsStore = !options.store;
  const store = options.store ?? createStore(await openDatabase(config.database.kind === 'pg' ? { kind: 'pg', url: config.database.url, timeouts: config.databaseTimeouts } : { kind: 'pglite', dataDir: config.database.dataDir }));
  const closers: (() => Promise<void>)[] = [];
  try {
    await migrateLatest(store.db.knex);
    const { admin, keyRing, consents } = await createAdminService(store, config);
    const authenticator = new Authenticator(store, keyRing, config.issuer, config.tokenCacheSeconds);
    const sources = createSources(config.upstreams);
    // FranceConnect mode: the hub's RSA key that check-token answers are encrypted to (JWKS `use: enc`).
    const encryptionKey = config.franceConnect ? new EncryptionKey(new SealedSigningKeys(store.signingKeys, config.keyEncryptionKey)) : null;
    await encryptionKey?.ensureKey();
    const franceConnect = config.franceConnect && encryptionKey
      ? new FranceConnectConsents(new CheckTokenClient(config.franceConnect, (alg) => encryptionKey.decryptionKeys(alg)), store, config.subjectKey)
      : undefined;
    const counters = config.limits.redisUrl ? await redisCounterStore(config.limits.redisUrl) : postgresCounterStore(store.db.knex, store.subjectQuota);
    closers.push(() => counters.close());
    const limits = new OperatorLimitsService(counters, store.operatorLimits, config.limits);
    const journal = new JournalWriter(store.db.knex, { minBatchIntervalMs: config.dbBatchIntervalMs });
    closers.push(() => journal.close());
    const recordRelease = options.disableJournal ? undefined : createReleaseRecorder(journal);
    const schema = buildHubSchema();
    const costMeter = new CostMeter(schema, config.queryLimits);
    const cost: CostCheck = (document, operation, variables, ctx) => costMeter.check(document, operation, variables, ctx.principal.scopes);
    const apollo = await createApollo(schema, [...(recordRelease ? [journalPlugin(recordRelease)] : []), costPlugin(cost)], config.queryLimits);
    closers.push(() => apollo.stop());
    const prepared = options.disablePreparedOperations ? undefined : new PreparedOperations({
      schema, validationRules: hubValidationRules(config.queryLimits), formatError,
      onErrors: (ctx, errors) => logUnexpectedErrors(ctx.logger, errors),
      ...(recordRelease ? { beforeSend: recordRelease } : {}),
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
    if (config.sandbox.enabled) {
      // Never in production: HUB_SANDBOX unset means no /sandbox route at all.
      // The sandbox IdP knows one client, the hub: only its own callbacks are registered there.
      const idpRedirectUris = [`${config.publicUrl}/me/callback`, `${config.publicUrl}/consent/callback`, `${config.publicUrl}/me`];
      const sandbox = createSandbox({
        publicUrl: `${config.publicUrl}/sandbox`, token: config.sandbox.token, faults: config.sandbox.faults, idpRedirectUris,
        franceConnect: { hubClientSecret: config.sandbox.token, hubJwksUrl: `${config.publicUrl}/.well-known/jwks.json` },
      });
      closers.push(() => sandbox.close());
      mounts.push(createDemoOperator({ publicUrl: config.publicUrl, issuer: config.issuer, sessionKey: config.sessionKey, store, admin, logger }));
      mounts.push({ prefix: '/sandbox', handle: (req, res, rest) => sandbox.handle(req, res, rest) });
    }
    const handler = createRequestHandler({
      apollo, ...(prepared ? { prepared } : {}), authenticator, logger, mounts, explorer, limits,
      createContext: (principal, requestId, requestLogger): GraphQLContext => {
        const upstreamCalls: UpstreamCallRecord[] = [];
        return {
          requestId, principal, logger: requestLogger, consents, upstreamCalls, ...(franceConnect ? { franceConnect } : {}),
          quota: (subjects) => limits.admitSubjects(principal.operatorId, subjects),
          subjects: new Map(),
          loaders: sources.createLoaders({ requestId, recipient: principal.siret, onUpstreamCall: (call) => upstreamCalls.push(call) }),
        };
      },
      maxQueryBytes: config.maxQueryBytes,
      jwks: async () => ({ keys: [...(await keyRing.jwks()).keys, ...(encryptionKey ? await encryptionKey.jwks() : [])] }),
      ready: async () => {
        try {
          await withTimeout(store.ping(), 2000);
          return { ok: true, checks: { database: 'ok' } };
        } catch {
          return { ok: false, checks: { database: 'unreachable' } };
        }
      },
    });
    // Node checks both timeouts every `connectionsCheckingInterval` (30 s by default, which let a
    // 10 s headersTimeout fire at 28 s): once a second keeps them within a second or two.
    const server: Server = http.createServer({
      headersTimeout: config.server.headersTimeoutMs, requestTimeout: config.server.requestTimeoutMs,
      keepAliveTimeout: 5_000, connectionsCheckingInterval: 1_000,
    }, handler);
    // Beyond it, new connections are closed at once instead of exhausting descriptors and memory.
    server.maxConnections = config.server.maxConnections;

    let adminSocket: Server | null = null;
    if (config.database.kind === 'pglite' && ownsStore) {
      adminSocket = await startAdminSocket(path.join(config.dataDir, 'admin.sock'), admin, logger);
    }

    return {
      config, store, admin, logger,
      listen: () => new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.port, config.host, () => {
          const { port } = server.address() as AddressInfo;
          resolve({ url: `http://localhost:${port}` });
        });
      }),
      close: async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        if (adminSocket) await new Promise<void>((resolve) => adminSocket!.close(() => resolve()));
        for (const close of closers.reverse()) await close();
        if (ownsStore) await store.db.close();
      },
    };
  } catch (error) {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    if (ownsStore) await store.db.close().catch(() => undefined);
    throw error;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    promise.then((v) => { clearTimeout(timer); resolve(v); }, (e: unknown) => { clearTimeout(timer); reject(e as Error); });
  });
}
