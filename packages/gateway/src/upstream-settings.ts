import { z } from 'zod';
import { DEFAULT_UPSTREAM_RESILIENCE, type ProviderName, type UpstreamResilience } from '@hub/core';

/** What config.ts passes down per source, besides its URL and token. */
export type UpstreamSettings = { timeoutMs: number; maxConcurrent: number; resilience: UpstreamResilience };

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/**
 * The resilience settings of the upstream client, each readable as `HUB_UPSTREAM_<SETTING>` (every
 * source) and `HUB_UPSTREAM_<SOURCE>_<SETTING>` (one source, wins); declared once here, documented
 * in docs/contract.md#configuration.
 */
const SETTINGS: { [K in keyof UpstreamResilience]: { variable: string; schema: z.ZodType<number> } } = {
  queueLimit: { variable: 'QUEUE_LIMIT', schema: int(0, 100_000) },
  queueTimeoutMs: { variable: 'QUEUE_TIMEOUT_MS', schema: int(0, 60_000) },
  breakerFailureRate: { variable: 'BREAKER_FAILURE_RATE', schema: z.coerce.number().gt(0, 'must be between 0 and 1, exclusive').lt(1, 'must be between 0 and 1, exclusive') },
  breakerWindowMs: { variable: 'BREAKER_WINDOW_MS', schema: int(1_000, 600_000) },
  breakerMinCalls: { variable: 'BREAKER_MIN_CALLS', schema: int(1, 100_000) },
  breakerHalfOpenMs: { variable: 'BREAKER_HALF_OPEN_MS', schema: int(100, 600_000) },
  retryBudgetRate: { variable: 'RETRY_BUDGET_RATE', schema: z.coerce.number().min(0).max(1) },
  retryBudgetMinPerSecond: { variable: 'RETRY_BUDGET_MIN_PER_SECOND', schema: z.coerce.number().min(0).max(1_000) },
};

/**
 * One source's settings from the environment: its own variable, else the global one, else the
 * default (`timeoutMs` and `maxConcurrent` fall back to HUB_UPSTREAM_TIMEOUT_MS /
 * HUB_UPSTREAM_MAX_CONCURRENT, already parsed). `fail` names the variable of an invalid value.
 */
export function readUpstreamSettings(
  env: Record<string, string | undefined>,
  provider: ProviderName | 'FRANCECONNECT',
  globals: { timeoutMs: number; maxConcurrent: number },
  fail: (variable: string, message: string) => never,
): UpstreamSettings {
  const read = (suffix: string, schema: z.ZodType<number>, scoped: boolean): number | undefined => {
    const variable = scoped ? `HUB_UPSTREAM_${provider}_${suffix}` : `HUB_UPSTREAM_${suffix}`;
    const raw = env[variable];
    if (raw === undefined || raw === '') return undefined;
    const parsed = schema.safeParse(raw);
    if (!parsed.success) fail(variable, parsed.error.issues[0]!.message);
    return parsed.data;
  };
  const resilience = { ...DEFAULT_UPSTREAM_RESILIENCE };
  for (const key of Object.keys(SETTINGS) as (keyof UpstreamResilience)[]) {
    const { variable, schema } = SETTINGS[key];
    resilience[key] = read(variable, schema, true) ?? read(variable, schema, false) ?? resilience[key];
  }
  return {
    timeoutMs: read('TIMEOUT_MS', int(100, 60_000), true) ?? globals.timeoutMs,
    maxConcurrent: read('MAX_CONCURRENT', int(1, 1000), true) ?? globals.maxConcurrent,
    resilience,
  };
}
