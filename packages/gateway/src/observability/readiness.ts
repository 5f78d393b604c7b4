import type { CircuitState } from './hub-metrics.js';

export type Readiness = { ok: boolean; checks: Record<string, string>; upstreams: Record<string, CircuitState> };

/**
 * `/readyz` (docs/contract.md#http): ready while the database answers within 2 s and the hub is
 * not draining for shutdown. Each upstream's circuit is reported but never makes the hub unready:
 * an open circuit fails that provider's fields only, and every replica would see the same, so
 * taking them all out of the load balancer would turn one provider's outage into a total one.
 */
export function readiness(deps: { ping(): Promise<unknown>; circuits(): Record<string, CircuitState>; draining(): boolean }) {
  return async (): Promise<Readiness> => {
    const upstreams = deps.circuits();
    if (deps.draining()) return { ok: false, checks: { database: 'not_checked', shutdown: 'draining' }, upstreams };
    try {
      await withTimeout(deps.ping(), 2000);
      return { ok: true, checks: { database: 'ok' }, upstreams };
    } catch {
      return { ok: false, checks: { database: 'unreachable' }, upstreams };
    }
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    promise.then((v) => { clearTimeout(timer); resolve(v); }, (e: unknown) => { clearTimeout(timer); reject(e as Error); });
  });
}
