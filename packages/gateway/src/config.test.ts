import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from './config.js';

const BASE = { HUB_SANDBOX: '1' };

describe('HUB_DB_BATCH_INTERVAL_MS', () => {
  it('defaults to 1 ms and accepts 0 (never wait)', () => {
    expect(loadConfig(BASE).dbBatchIntervalMs).toBe(1);
    expect(loadConfig({ ...BASE, HUB_DB_BATCH_INTERVAL_MS: '0' }).dbBatchIntervalMs).toBe(0);
    expect(loadConfig({ ...BASE, HUB_DB_BATCH_INTERVAL_MS: '2.5' }).dbBatchIntervalMs).toBe(2.5);
  });

  it.each(['-1', '21', 'soon'])('refuses %s, naming the variable', (value) => {
    expect(() => loadConfig({ ...BASE, HUB_DB_BATCH_INTERVAL_MS: value })).toThrow(ConfigError);
    expect(() => loadConfig({ ...BASE, HUB_DB_BATCH_INTERVAL_MS: value })).toThrow(/HUB_DB_BATCH_INTERVAL_MS/);
  });
});

describe('HUB_RATE_BATCH_INTERVAL_MS', () => {
  it('defaults to 3 ms and accepts 0 (one round trip in flight, no pacing)', () => {
    expect(loadConfig(BASE).rateBatchIntervalMs).toBe(3);
    expect(loadConfig({ ...BASE, HUB_RATE_BATCH_INTERVAL_MS: '0' }).rateBatchIntervalMs).toBe(0);
  });

  it.each(['-1', '21', 'soon'])('refuses %s, naming the variable', (value) => {
    expect(() => loadConfig({ ...BASE, HUB_RATE_BATCH_INTERVAL_MS: value })).toThrow(/HUB_RATE_BATCH_INTERVAL_MS/);
  });
});

describe('query limits', () => {
  it('default to depth 15, aliases 15, directives 50, tokens 2000, fields 1000, upstream calls 50, a 32 MB document cache', () => {
    const config = loadConfig(BASE);
    expect(config.queryLimits).toEqual({ maxDepth: 15, maxAliases: 15, maxDirectives: 50, maxTokens: 2000, maxFields: 1000, maxUpstreamCalls: 50 });
    expect(config.documentCacheBytes).toBe(32 * 1024 * 1024);
    expect(loadConfig({ ...BASE, HUB_MAX_UPSTREAM_CALLS: '200', HUB_MAX_ALIASES: '30' }).queryLimits).toMatchObject({ maxUpstreamCalls: 200, maxAliases: 30 });
  });

  it.each([['HUB_MAX_UPSTREAM_CALLS', '0'], ['HUB_MAX_TOKENS', 'many'], ['HUB_MAX_QUERY_DEPTH', '1.5'], ['HUB_DOCUMENT_CACHE_BYTES', '1000']])('refuses %s=%s, naming the variable', (variable, value) => {
    expect(() => loadConfig({ ...BASE, [variable]: value })).toThrow(new RegExp(variable));
  });
});

describe('upstream resilience, server and database bounds', () => {
  it('take their defaults, a global value, or a per-source override', () => {
    const defaults = loadConfig(BASE);
    expect(defaults.upstreams.CNAV).toMatchObject({
      timeoutMs: 5000, maxConcurrent: 50,
      resilience: { queueLimit: 200, queueTimeoutMs: 5000, breakerFailureRate: 0.7, breakerWindowMs: 10_000, breakerMinCalls: 40, breakerHalfOpenMs: 10_000, retryBudgetRate: 0.2, retryBudgetMinPerSecond: 10 },
    });
    expect(defaults.server).toEqual({ headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, maxConnections: 2000 });
    expect(defaults.databaseTimeouts).toEqual({ statementMs: 5000, acquireMs: 2000 });

    const c = loadConfig({ ...BASE, HUB_UPSTREAM_BREAKER_MIN_CALLS: '8', HUB_UPSTREAM_MEN_BREAKER_MIN_CALLS: '3', HUB_UPSTREAM_FRANCE_TRAVAIL_TIMEOUT_MS: '800', HUB_UPSTREAM_DGFIP_MAX_CONCURRENT: '4' });
    expect(c.upstreams.MEN.resilience?.breakerMinCalls).toBe(3);
    expect(c.upstreams.CNAV.resilience?.breakerMinCalls).toBe(8);
    expect(c.upstreams.FRANCE_TRAVAIL.timeoutMs).toBe(800);
    expect(c.upstreams.CNAV.timeoutMs).toBe(5000);
    expect(c.upstreams.DGFIP.maxConcurrent).toBe(4);
  });

  it.each([
    ['HUB_UPSTREAM_BREAKER_FAILURE_RATE', '1'], ['HUB_UPSTREAM_CNAV_BREAKER_FAILURE_RATE', '0'], ['HUB_UPSTREAM_MEN_QUEUE_LIMIT', '-1'],
    ['HUB_UPSTREAM_RETRY_BUDGET_RATE', '2'], ['HUB_UPSTREAM_MESRI_TIMEOUT_MS', '10'], ['HUB_HEADERS_TIMEOUT_MS', '5'],
    ['HUB_MAX_CONNECTIONS', 'lots'], ['HUB_DB_STATEMENT_TIMEOUT_MS', '0'], ['HUB_DB_ACQUIRE_TIMEOUT_MS', '1.5'],
  ])('refuses %s=%s, naming the variable', (variable, value) => {
    expect(() => loadConfig({ ...BASE, [variable]: value })).toThrow(new RegExp(`^${variable}:`));
  });
});

describe('secrets (no secret constants)', () => {
  const KEYS = { HUB_SESSION_KEY: 'a'.repeat(32), HUB_SUBJECT_KEY: 'b'.repeat(32), HUB_KEY_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64url') };
  const PRODUCTION = { HUB_UPSTREAM_URL: 'https://upstream.example', HUB_UPSTREAM_TOKEN: 't', ...KEYS };
  it.each(Object.keys(KEYS))('requires %s outside sandbox mode, with or without DATABASE_URL', (variable) => {
    for (const db of [{}, { DATABASE_URL: 'postgres://localhost/hub' }]) {
      expect(() => loadConfig({ ...PRODUCTION, ...db, [variable]: '' })).toThrow(new RegExp(`^${variable}: required outside sandbox mode`));
    }
  });
  it('takes them from the environment', () => {
    const config = loadConfig(PRODUCTION);
    expect([config.sessionKey, config.subjectKey, config.keyEncryptionKey]).toEqual([KEYS.HUB_SESSION_KEY, KEYS.HUB_SUBJECT_KEY, KEYS.HUB_KEY_ENCRYPTION_KEY]);
  });
  it('refuses a key encryption key that is not 32 bytes in base64url', () => {
    expect(() => loadConfig({ ...PRODUCTION, HUB_KEY_ENCRYPTION_KEY: 'short' })).toThrow(/HUB_KEY_ENCRYPTION_KEY/);
  });
});
