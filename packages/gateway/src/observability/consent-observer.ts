import type { Tracer } from '@opentelemetry/api';
import type { HubMetrics } from './hub-metrics.js';
import { inSpan } from './hub-tracing.js';

/**
 * The consent service's observer (auth/consent-service.ts `ConsentObserver`): consents read per
 * result, a span per request's consent read (its count only: never an id), grants, withdrawals.
 */
export function consentObserver(metrics: HubMetrics | null, tracer: Tracer | null) {
  const count = <T>(rows: readonly T[]): readonly T[] => {
    if (metrics) {
      let found = 0;
      let missing = 0;
      let failed = 0;
      for (const row of rows) {
        if (row instanceof Error) failed += 1;
        else if (row === null || row === undefined) missing += 1;
        else found += 1;
      }
      metrics.consentRead('found', found);
      metrics.consentRead('not_found', missing);
      metrics.consentRead('error', failed);
    }
    return rows;
  };
  return {
    read<T>(n: number, run: () => Promise<readonly T[]>): Promise<readonly T[]> {
      if (!tracer) return run().then(count);
      return inSpan(tracer, 'hub.consent.read', { 'hub.consent.count': n }, run).then(count);
    },
    granted: () => metrics?.consentGranted(),
    withdrawn: () => metrics?.consentWithdrawn(),
  };
}
