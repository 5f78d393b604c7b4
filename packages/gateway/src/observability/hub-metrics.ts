import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { JournalCommitEvent } from '@hub/store';
import { BoundedLabel } from './bounded-label.js';

export type CircuitState = 'closed' | 'open' | 'half_open';

/** What the metrics read when scraped (state owned elsewhere). */
export type MetricsSources = {
  circuits(): Record<string, CircuitState>;
  /** The prepared-operation document cache: entries and estimated bytes. */
  documentCache(): { entries: number; bytes: number };
};

/** Operation names kept as their own label value; beyond, `__other`. */
export const MAX_OPERATION_NAMES = 100;
/** The label of a request whose document never named a valid operation (refused before, unparsable, invalid). */
export const NO_OPERATION = '__none';
export const ANONYMOUS_OPERATION = '__anonymous';
const OTHER_OPERATION = '__other';

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const COMMIT_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
const BATCH_BUCKETS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 5000];
const CIRCUIT_STATES: CircuitState[] = ['closed', 'half_open', 'open'];

/**
 * The hub's Prometheus metrics (docs/operations.md#metrics), one registry per hub. Labels are
 * closed lists (error codes, providers, routes declared by the sources, outcomes) or bounded
 * (operation names, see BoundedLabel); nothing personal is ever a label: no token, consent,
 * identifier, name or query parameter.
 */
export class HubMetrics {
  readonly registry = new Registry();
  private readonly operations = new BoundedLabel(MAX_OPERATION_NAMES, /^[_A-Za-z][_0-9A-Za-z]{0,63}$/, OTHER_OPERATION);
  private readonly codes = new BoundedLabel(64, /^[A-Z][A-Z0-9_]{0,47}$/, 'OTHER');
  private readonly routes = new BoundedLabel(64, /^\/[A-Za-z0-9_\-/.]{0,120}$/, 'other');

  private readonly requests: Counter<'operation' | 'outcome'>;
  private readonly requestSeconds: Histogram<'operation'>;
  private readonly errors: Counter<'code'>;
  private readonly upstreamCalls: Counter<'provider' | 'route' | 'outcome'>;
  private readonly upstreamErrors: Counter<'provider' | 'route' | 'outcome'>;
  private readonly upstreamSeconds: Histogram<'provider' | 'route'>;
  private readonly consentReads: Counter<'result'>;
  private readonly journalCommitSeconds: Histogram<'result'>;
  private readonly journalBatchEntries: Histogram;
  private readonly refusals: Counter<'limit'>;
  private readonly consentsGranted: Counter;
  private readonly consentsWithdrawn: Counter;

  constructor(sources: MetricsSources) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.requests = new Counter({
      name: 'hub_graphql_requests_total', registers, labelNames: ['operation', 'outcome'],
      help: 'GraphQL requests by operation name and outcome (OK, or the code of the first error: UNAUTHENTICATED, RATE_LIMITED, FORBIDDEN...).',
    });
    this.requestSeconds = new Histogram({
      name: 'hub_graphql_request_duration_seconds', registers, labelNames: ['operation'], buckets: LATENCY_BUCKETS,
      help: 'GraphQL request latency, from the request to the end of the response.',
    });
    this.errors = new Counter({
      name: 'hub_graphql_errors_total', registers, labelNames: ['code'],
      help: 'GraphQL errors sent, each counted (a denied field is one), by code.',
    });
    this.upstreamCalls = new Counter({
      name: 'hub_upstream_calls_total', registers, labelNames: ['provider', 'route', 'outcome'],
      help: 'Upstream HTTP attempts by provider, route and outcome (ok, not_found, error, timeout, unavailable...).',
    });
    this.upstreamErrors = new Counter({
      name: 'hub_upstream_errors_total', registers, labelNames: ['provider', 'route', 'outcome'],
      help: 'Upstream HTTP attempts that failed on the upstream side (5xx, timeout, connection failure, unreadable answer).',
    });
    this.upstreamSeconds = new Histogram({
      name: 'hub_upstream_call_duration_seconds', registers, labelNames: ['provider', 'route'], buckets: LATENCY_BUCKETS,
      help: 'Upstream HTTP attempt latency.',
    });
    new Gauge({
      name: 'hub_upstream_circuit_state', registers, labelNames: ['provider', 'state'],
      help: 'Circuit breaker state per provider: 1 for the current state (closed, half_open, open), 0 for the others.',
      collect() {
        for (const [provider, current] of Object.entries(sources.circuits())) {
          for (const state of CIRCUIT_STATES) this.set({ provider, state }, state === current ? 1 : 0);
        }
      },
    });
    this.consentReads = new Counter({
      name: 'hub_consent_reads_total', registers, labelNames: ['result'],
      help: 'Consents read from the database to serve a query, by result (found, not_found, error).',
    });
    this.journalCommitSeconds = new Histogram({
      name: 'hub_journal_commit_duration_seconds', registers, labelNames: ['result'], buckets: COMMIT_BUCKETS,
      help: 'Journal transaction latency (one group commit), by result (ok, failed).',
    });
    this.journalBatchEntries = new Histogram({
      name: 'hub_journal_batch_entries', registers, buckets: BATCH_BUCKETS,
      help: 'Entries per journal transaction (group commit batch size).',
    });
    this.refusals = new Counter({
      name: 'hub_limit_refusals_total', registers, labelNames: ['limit'],
      help: 'Requests or citizens refused by a limit: rate (per token, HTTP 429) or subject_quota (daily distinct citizens, per person).',
    });
    this.consentsGranted = new Counter({ name: 'hub_consents_granted_total', registers, help: 'Consents granted.' });
    this.consentsWithdrawn = new Counter({ name: 'hub_consents_withdrawn_total', registers, help: 'Consents withdrawn or revoked.' });
    new Gauge({
      name: 'hub_document_cache_entries', registers, help: 'Documents in the prepared-operation cache.',
      collect() { this.set(sources.documentCache().entries); },
    });
    new Gauge({
      name: 'hub_document_cache_bytes', registers, help: 'Estimated bytes of the prepared-operation cache (bounded by HUB_DOCUMENT_CACHE_BYTES).',
      collect() { this.set(sources.documentCache().bytes); },
    });
  }

  /** A /graphql request answered: `operation` as resolved (null: anonymous, undefined: none). */
  request(operation: string | null | undefined, outcome: string, seconds: number, errorCodes: readonly string[]): void {
    const op = operation === undefined ? NO_OPERATION : operation === null ? ANONYMOUS_OPERATION : this.operations.of(operation);
    this.requests.inc({ operation: op, outcome: outcome === 'OK' ? 'OK' : this.codes.of(outcome) });
    this.requestSeconds.observe({ operation: op }, seconds);
    for (const code of errorCodes) this.errors.inc({ code: this.codes.of(code) });
  }

  upstreamCall(provider: string, route: string, outcome: string, seconds: number): void {
    const labels = { provider, route: this.routes.of(route) };
    this.upstreamCalls.inc({ ...labels, outcome });
    if (outcome === 'error' || outcome === 'timeout' || outcome === 'unavailable') this.upstreamErrors.inc({ ...labels, outcome });
    this.upstreamSeconds.observe(labels, seconds);
  }

  consentRead(result: 'found' | 'not_found' | 'error', count = 1): void {
    if (count > 0) this.consentReads.inc({ result }, count);
  }

  journalCommit(event: JournalCommitEvent): void {
    this.journalCommitSeconds.observe({ result: event.ok ? 'ok' : 'failed' }, event.durationMs / 1000);
    this.journalBatchEntries.observe(event.entries);
  }

  refused(limit: 'rate' | 'subject_quota', count = 1): void {
    if (count > 0) this.refusals.inc({ limit }, count);
  }

  consentGranted(): void {
    this.consentsGranted.inc();
  }

  consentWithdrawn(): void {
    this.consentsWithdrawn.inc();
  }

  /** The text exposition (Prometheus 0.0.4). */
  async exposition(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
