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
