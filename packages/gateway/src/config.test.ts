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
