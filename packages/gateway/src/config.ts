import path from 'node:path';
import { z } from 'zod';
import { PROVIDERS, type ProviderName, type SourceConfig, type UpstreamResilience } from '@hub/core';
import { SANDBOX_FRANCECONNECT, parseFaultsJson, type FaultConfig } from '@hub/sandbox';
import { DEFAULT_QUERY_LIMITS, type QueryLimits } from './graphql/query-limits-rule.js';
import { readUpstreamSettings } from './upstream-settings.js';
import { sandboxSecrets } from './sandbox-secrets.js';

/** The embedded data directory when HUB_DATA_DIR is unset (relative to the working directory). */
export const DEFAULT_DATA_DIR = '.hub-data';

/**
 * The hub's configuration, read from the environment once at start-up (the only module that reads
 * `process.env`). An invalid value stops the process with a message naming the variable.
 */
export type HubConfig = {
  port: number;
  host: string;
  /** Public base URL (issuer of tokens, links in pages). */
  publicUrl: string;
  /** `iss` of the tokens the hub signs and accepts. */
  issuer: string;
  database: { kind: 'pg'; url: string } | { kind: 'pglite'; dataDir: string };
  /** PostgreSQL bounds: a statement (`statement_timeout`, and as long on the client side) and the wait for a pooled connection. */
  databaseTimeouts: { statementMs: number; acquireMs: number };
  /** node:http bounds: headers and whole request (checked every second), concurrent connections. */
  server: { headersTimeoutMs: number; requestTimeoutMs: number; maxConnections: number };
  /** Embedded data directory (PGlite data, admin socket). */
  dataDir: string;
  sandbox: { enabled: boolean; token: string; faults: FaultConfig[] };
  upstreams: Record<ProviderName, SourceConfig>;
  /** Seconds a verified token's database row may be reused before it is read again (≤ 5). */
  tokenCacheSeconds: number;
  /** Under load, consent reads and journal transactions start at most once per this interval (0: never wait). */
  dbBatchIntervalMs: number;
  /** Least time between two rate-counter round trips (HUB_RATE_BATCH_INTERVAL_MS). */
  rateBatchIntervalMs: number;
  /** Create the clearly-labelled demo operator on an empty database and print its token. */
  demo: boolean;
  /** Secret of the keyed hash that pseudonymises subjects in consents and the journal. */
  subjectKey: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  maxQueryBytes: number;
  /** Query limits (QUERY_TOO_COMPLEX beyond them), on both execution paths. */
  queryLimits: QueryLimits;
  /** Bound, in estimated bytes, of the prepared-operation document cache (keyed by query text). */
  documentCacheBytes: number;
  /** OpenID Connect provider of the citizen space (/me): FranceConnect in production, the sandbox
   * IdP in sandbox mode; absent → no citizen space. */
  idp: { issuer: string; clientId: string; clientSecret?: string; internalUrl?: string } | null;
  /** Secret of the citizen session cookies. */
  sessionKey: string;
  /** FranceConnect mode (`person(franceConnectToken:)`): FranceConnect's check-token endpoint, its
   * JWKS and issuer, the hub's client there; the sandbox's emulation by default in sandbox mode;
   * null (mode off) when none of HUB_FRANCECONNECT_* is set outside sandbox mode. */
  franceConnect: FranceConnectConfig | null;
  /** Key (32 bytes, base64url) under which private signing keys are stored encrypted (JWE dir+A256GCM). */
  keyEncryptionKey: string;
  /** Journal retention (the operators' legal duty); `hub audit prune` removes older entries. */
  journalRetentionMonths: number;
  /** Defaults of the per-token rate and the per-operator-and-purpose daily distinct-citizen quota
   * (`hub operator limits` overrides them); counters in PostgreSQL, or Redis when `redisUrl` is set. */
  limits: { ratePerMinute: number; dailySubjects: number; redisUrl: string | null };
  /** Operations (docs/operations.md#metrics): `/metrics` on the main port behind `metricsToken`
   * and/or on its own `metricsPort` (both null: no metrics at all); OpenTelemetry tracing when an
   * OTLP endpoint is set (null: off, nothing loaded). */
  observability: { metricsToken: string | null; metricsPort: number | null; otlpEndpoint: string | null; serviceName: string };
  /** SIGTERM: how long in-flight requests may take to finish before the connections are cut. */
  shutdownTimeoutMs: number;
  /** node:cluster worker processes sharing the port (1: this process serves). */
  workers: number;
};

export type FranceConnectConfig = {
  checkTokenUrl: string; jwksUrl: string; issuer: string; clientId: string; clientSecret: string; timeoutMs: number;
  /** The check-token circuit breaker: HUB_UPSTREAM_[FRANCECONNECT_]BREAKER_* like an upstream's. */
  resilience?: Partial<UpstreamResilience>;
};

export class ConfigError extends Error {
  constructor(readonly variable: string, message: string) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

const bool = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true');
const url = z.url({ protocol: /^https?$/ });

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().min(1).default('0.0.0.0'),
  HUB_PUBLIC_URL: url.optional(),
  HUB_ISSUER: z.string().min(1).optional(),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional(),
  HUB_DATA_DIR: z.string().min(1).default(DEFAULT_DATA_DIR),
  HUB_SANDBOX: bool.default(false),
  HUB_SANDBOX_TOKEN: z.string().min(1).default('sandbox'),
  HUB_UPSTREAM_URL: url.optional(),
  HUB_UPSTREAM_TOKEN: z.string().min(1).optional(),
  HUB_UPSTREAM_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
  HUB_UPSTREAM_MAX_CONCURRENT: z.coerce.number().int().min(1).max(1000).default(50),
  HUB_DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
  HUB_DB_ACQUIRE_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(2_000),
  HUB_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(600_000).default(10_000),
  HUB_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(30_000),
  HUB_MAX_CONNECTIONS: z.coerce.number().int().min(16).max(1_000_000).default(2_000),
  HUB_TOKEN_CACHE_SECONDS: z.coerce.number().min(0).max(5).default(2),
  HUB_DB_BATCH_INTERVAL_MS: z.coerce.number().min(0).max(20).default(1),
  HUB_RATE_BATCH_INTERVAL_MS: z.coerce.number().min(0).max(20).default(3),
  HUB_DEMO: bool.default(false),
  HUB_SUBJECT_KEY: z.string().min(16, 'must be at least 16 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HUB_IDP_ISSUER: url.optional(),
  HUB_IDP_CLIENT_ID: z.string().min(1).default('particulier-hub'),
  HUB_IDP_CLIENT_SECRET: z.string().min(1).optional(),
  HUB_IDP_INTERNAL_URL: url.optional(),
  HUB_SESSION_KEY: z.string().min(16, 'must be at least 16 characters').optional(),
  HUB_KEY_ENCRYPTION_KEY: z.string().refine((v) => /^[A-Za-z0-9_-]{43}$/.test(v) && Buffer.from(v, 'base64url').length === 32, '32 random bytes in base64url (43 characters): openssl rand 32 | basenc --base64url | tr -d =').optional(),
  HUB_JOURNAL_RETENTION_MONTHS: z.coerce.number().int().min(1).max(240).default(36),
  HUB_MAX_QUERY_BYTES: z.coerce.number().int().min(1024).max(1_000_000).default(100_000),
  HUB_MAX_QUERY_DEPTH: z.coerce.number().int().min(2).max(100).default(DEFAULT_QUERY_LIMITS.maxDepth),
  HUB_MAX_ALIASES: z.coerce.number().int().min(0).max(1000).default(DEFAULT_QUERY_LIMITS.maxAliases),
  HUB_MAX_DIRECTIVES: z.coerce.number().int().min(0).max(1000).default(DEFAULT_QUERY_LIMITS.maxDirectives),
  HUB_MAX_TOKENS: z.coerce.number().int().min(100).max(100_000).default(DEFAULT_QUERY_LIMITS.maxTokens),
  HUB_MAX_FIELDS: z.coerce.number().int().min(10).max(100_000).default(DEFAULT_QUERY_LIMITS.maxFields),
  HUB_MAX_UPSTREAM_CALLS: z.coerce.number().int().min(1).max(10_000).default(DEFAULT_QUERY_LIMITS.maxUpstreamCalls),
  HUB_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(250),
  HUB_DAILY_SUBJECTS: z.coerce.number().int().min(1).max(100_000_000).default(5000),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL').optional(),
  HUB_FRANCECONNECT_CHECKTOKEN_URL: url.optional(),
  HUB_FRANCECONNECT_JWKS_URL: url.optional(),
  HUB_FRANCECONNECT_ISSUER: url.optional(),
  HUB_FRANCECONNECT_CLIENT_ID: z.string().min(1).optional(),
  HUB_FRANCECONNECT_CLIENT_SECRET: z.string().min(1).optional(),
  HUB_FRANCECONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
  HUB_DOCUMENT_CACHE_BYTES: z.coerce.number().int().min(1_048_576).max(4_294_967_296).default(33_554_432),
  HUB_METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  HUB_METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: url.optional(),
  OTEL_SERVICE_NAME: z.string().min(1).max(100).default('particulier-hub'),
  HUB_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(20_000),
  HUB_WORKERS: z.coerce.number().int().min(1).max(64).default(1),
});

type Env = Record<string, string | undefined>;

export type LoadConfigOptions = {
  /** The server needs every upstream configured; CLI commands that only touch the database do not. */
  requireUpstreams?: boolean;
};

export function loadConfig(env: Env = process.env, options: LoadConfigOptions = {}): HubConfig {
  const requireUpstreams = options.requireUpstreams ?? true;
  const parsed = Env.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(String(issue.path[0] ?? 'environment'), issue.message);
  }
  const e = parsed.data;
  const publicUrl = (e.HUB_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
  const dataDir = path.resolve(e.HUB_DATA_DIR);
  const sandboxUrl = `${publicUrl}/sandbox`;

  const upstreams = {} as Record<ProviderName, SourceConfig>;
  const fail = (variable: string, message: string): never => {
    throw new ConfigError(variable, message);
  };
  for (const provider of PROVIDERS) {
    const tuning = readUpstreamSettings(env, provider, { timeoutMs: e.HUB_UPSTREAM_TIMEOUT_MS, maxConcurrent: e.HUB_UPSTREAM_MAX_CONCURRENT }, fail);
    const ownUrl = env[`HUB_UPSTREAM_${provider}_URL`] || undefined;
    if (ownUrl !== undefined && !url.safeParse(ownUrl).success) {
      throw new ConfigError(`HUB_UPSTREAM_${provider}_URL`, 'must be an http(s) URL');
    }
    const baseUrl = ownUrl ?? e.HUB_UPSTREAM_URL ?? (e.HUB_SANDBOX ? sandboxUrl : undefined);
    if (!baseUrl || !requireUpstreams) {
      if (!requireUpstreams) {
        upstreams[provider] = { baseUrl: baseUrl ?? '', token: '', ...tuning };
        continue;
      }
      throw new ConfigError(`HUB_UPSTREAM_${provider}_URL`, 'no upstream configured (set HUB_UPSTREAM_URL, or HUB_SANDBOX=1 for the built-in sandbox)');
    }
    const token = env[`HUB_UPSTREAM_${provider}_TOKEN`] || e.HUB_UPSTREAM_TOKEN || (baseUrl.startsWith(sandboxUrl) ? e.HUB_SANDBOX_TOKEN : undefined);
    if (!token) throw new ConfigError(`HUB_UPSTREAM_${provider}_TOKEN`, 'no token configured for this upstream (or HUB_UPSTREAM_TOKEN)');
    upstreams[provider] = { baseUrl: baseUrl.replace(/\/$/, ''), token, ...tuning };
  }

  // Outside sandbox mode every secret comes from the environment, whatever the database; sandbox
  // mode generates missing ones into the data directory (0600). None is a constant in the source.
  const required = { HUB_SESSION_KEY: 'secret of the citizen session cookies', HUB_SUBJECT_KEY: 'secret of the subject pseudonyms', HUB_KEY_ENCRYPTION_KEY: 'key encrypting the private signing keys at rest' } as const;
  if (!e.HUB_SANDBOX) {
    for (const [variable, what] of Object.entries(required)) {
      if (!e[variable as keyof typeof required]) throw new ConfigError(variable, `required outside sandbox mode (${what})`);
    }
  }
  // Workers are processes: an embedded PGlite data directory cannot be shared between them.
  if (e.HUB_WORKERS > 1 && !e.DATABASE_URL) throw new ConfigError('HUB_WORKERS', 'more than one worker needs a shared PostgreSQL (DATABASE_URL)');
  const generated = e.HUB_SESSION_KEY && e.HUB_SUBJECT_KEY && e.HUB_KEY_ENCRYPTION_KEY ? null : sandboxSecrets(dataDir);

  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    issuer: e.HUB_ISSUER ?? publicUrl,
    database: e.DATABASE_URL ? { kind: 'pg', url: e.DATABASE_URL } : { kind: 'pglite', dataDir: path.join(dataDir, 'pgdata') },
    databaseTimeouts: { statementMs: e.HUB_DB_STATEMENT_TIMEOUT_MS, acquireMs: e.HUB_DB_ACQUIRE_TIMEOUT_MS },
    server: { headersTimeoutMs: e.HUB_HEADERS_TIMEOUT_MS, requestTimeoutMs: Math.max(e.HUB_REQUEST_TIMEOUT_MS, e.HUB_HEADERS_TIMEOUT_MS), maxConnections: e.HUB_MAX_CONNECTIONS },
    dataDir,
    sandbox: { enabled: e.HUB_SANDBOX, token: e.HUB_SANDBOX_TOKEN, faults: sandboxFaults(env.SANDBOX_FAULTS) },
    upstreams,
    tokenCacheSeconds: e.HUB_TOKEN_CACHE_SECONDS,
    dbBatchIntervalMs: e.HUB_DB_BATCH_INTERVAL_MS,
    rateBatchIntervalMs: e.HUB_RATE_BATCH_INTERVAL_MS,
    demo: e.HUB_DEMO,
    subjectKey: e.HUB_SUBJECT_KEY ?? generated!.subjectKey,
    logLevel: e.LOG_LEVEL,
    maxQueryBytes: e.HUB_MAX_QUERY_BYTES,
    queryLimits: {
      maxDepth: e.HUB_MAX_QUERY_DEPTH, maxAliases: e.HUB_MAX_ALIASES, maxDirectives: e.HUB_MAX_DIRECTIVES,
      maxTokens: e.HUB_MAX_TOKENS, maxFields: e.HUB_MAX_FIELDS, maxUpstreamCalls: e.HUB_MAX_UPSTREAM_CALLS,
    },
    documentCacheBytes: e.HUB_DOCUMENT_CACHE_BYTES,
    journalRetentionMonths: e.HUB_JOURNAL_RETENTION_MONTHS,
    limits: { ratePerMinute: e.HUB_RATE_LIMIT_PER_MINUTE, dailySubjects: e.HUB_DAILY_SUBJECTS, redisUrl: e.REDIS_URL ?? null },
    observability: {
      metricsToken: e.HUB_METRICS_TOKEN ?? null, metricsPort: e.HUB_METRICS_PORT ?? null,
      otlpEndpoint: e.OTEL_EXPORTER_OTLP_ENDPOINT ?? null, serviceName: e.OTEL_SERVICE_NAME,
    },
    shutdownTimeoutMs: e.HUB_SHUTDOWN_TIMEOUT_MS,
    workers: e.HUB_WORKERS,
    idp: e.HUB_IDP_ISSUER
      ? {
        issuer: e.HUB_IDP_ISSUER.replace(/\/$/, ''), clientId: e.HUB_IDP_CLIENT_ID, ...(e.HUB_IDP_CLIENT_SECRET ? { clientSecret: e.HUB_IDP_CLIENT_SECRET } : {}),
        ...(e.HUB_IDP_INTERNAL_URL ? { internalUrl: e.HUB_IDP_INTERNAL_URL.replace(/\/$/, '') } : {}),
      }
      : e.HUB_SANDBOX ? { issuer: `${sandboxUrl}/idp`, clientId: e.HUB_IDP_CLIENT_ID } : null,
    sessionKey: e.HUB_SESSION_KEY ?? generated!.sessionKey,
    keyEncryptionKey: e.HUB_KEY_ENCRYPTION_KEY ?? generated!.keyEncryptionKey,
    franceConnect: franceConnectConfig(e, sandboxUrl, readUpstreamSettings(env, 'FRANCECONNECT', { timeoutMs: e.HUB_FRANCECONNECT_TIMEOUT_MS, maxConcurrent: 1 }, fail).resilience),
  };
}

/** All five HUB_FRANCECONNECT_* or none (mode off); in sandbox mode each unset one is the emulation's. */
function franceConnectConfig(e: z.infer<typeof Env>, sandboxUrl: string, resilience: UpstreamResilience): FranceConnectConfig | null {
  const given = {
    HUB_FRANCECONNECT_CHECKTOKEN_URL: e.HUB_FRANCECONNECT_CHECKTOKEN_URL,
    HUB_FRANCECONNECT_JWKS_URL: e.HUB_FRANCECONNECT_JWKS_URL,
    HUB_FRANCECONNECT_ISSUER: e.HUB_FRANCECONNECT_ISSUER,
    HUB_FRANCECONNECT_CLIENT_ID: e.HUB_FRANCECONNECT_CLIENT_ID,
    HUB_FRANCECONNECT_CLIENT_SECRET: e.HUB_FRANCECONNECT_CLIENT_SECRET,
  };
  const emulation = `${sandboxUrl}${SANDBOX_FRANCECONNECT.path}`;
  const defaults: Record<keyof typeof given, string | undefined> = e.HUB_SANDBOX
    ? {
      HUB_FRANCECONNECT_CHECKTOKEN_URL: `${emulation}/checktoken`,
      HUB_FRANCECONNECT_JWKS_URL: `${emulation}/jwks`,
      HUB_FRANCECONNECT_ISSUER: emulation,
      HUB_FRANCECONNECT_CLIENT_ID: SANDBOX_FRANCECONNECT.hubClientId,
      // The emulation's secret for the hub's client is the sandbox token (no constant secret).
      HUB_FRANCECONNECT_CLIENT_SECRET: e.HUB_SANDBOX_TOKEN,
    }
    : { HUB_FRANCECONNECT_CHECKTOKEN_URL: undefined, HUB_FRANCECONNECT_JWKS_URL: undefined, HUB_FRANCECONNECT_ISSUER: undefined, HUB_FRANCECONNECT_CLIENT_ID: undefined, HUB_FRANCECONNECT_CLIENT_SECRET: undefined };
  const values = Object.fromEntries(Object.entries(given).map(([k, v]) => [k, v ?? defaults[k as keyof typeof given]])) as Record<keyof typeof given, string | undefined>;
  const set = Object.values(values).filter((v) => v !== undefined).length;
  if (set === 0) return null;
  for (const [variable, value] of Object.entries(values)) {
    if (value === undefined) throw new ConfigError(variable, 'FranceConnect mode needs all of HUB_FRANCECONNECT_CHECKTOKEN_URL, _JWKS_URL, _ISSUER, _CLIENT_ID and _CLIENT_SECRET (or none)');
  }
  return {
    checkTokenUrl: values.HUB_FRANCECONNECT_CHECKTOKEN_URL!, jwksUrl: values.HUB_FRANCECONNECT_JWKS_URL!,
    issuer: values.HUB_FRANCECONNECT_ISSUER!, clientId: values.HUB_FRANCECONNECT_CLIENT_ID!,
    clientSecret: values.HUB_FRANCECONNECT_CLIENT_SECRET!, timeoutMs: e.HUB_FRANCECONNECT_TIMEOUT_MS, resilience,
  };
}

function sandboxFaults(text: string | undefined): FaultConfig[] {
  if (text === undefined || text.trim() === '') return [];
  try {
    return parseFaultsJson(text);
  } catch (error) {
    throw new ConfigError('SANDBOX_FAULTS', (error as Error).message.replace(/^SANDBOX_FAULTS /, ''));
  }
}
