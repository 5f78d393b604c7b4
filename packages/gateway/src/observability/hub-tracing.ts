import { context, propagation, trace, SpanKind, SpanStatusCode, type Span, type Tracer } from '@opentelemetry/api';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';

/** Tracing when on (docs/operations.md#tracing); the hub holds `null` when off and calls nothing. */
export type HubTracing = {
  tracer: Tracer;
  /** Flushes the spans still buffered, then stops the SDK. */
  shutdown(): Promise<void>;
};

export type TracingOptions = {
  serviceName: string;
  /** OTLP/HTTP endpoint (OTEL_EXPORTER_OTLP_ENDPOINT, `/v1/traces` appended as the spec says). */
  endpoint?: string;
  /** Tests: an exporter of their own (spans exported one by one, at once). */
  exporter?: SpanExporter;
};

/**
 * Starts the OpenTelemetry SDK. Loaded by dynamic import, so a hub without tracing loads none of
 * it: only `@opentelemetry/api`, whose calls the hub does not even make when tracing is off. The
 * provider registers itself globally (AsyncLocalStorage context, W3C trace context propagator):
 * a request's span is then the parent of what its async continuations start.
 */
export async function startTracing(options: TracingOptions): Promise<HubTracing> {
  const [{ NodeTracerProvider }, { BatchSpanProcessor, SimpleSpanProcessor }, { resourceFromAttributes }] = await Promise.all([
    import('@opentelemetry/sdk-trace-node'), import('@opentelemetry/sdk-trace-base'), import('@opentelemetry/resources'),
  ]);
  let processor;
  if (options.exporter) processor = new SimpleSpanProcessor(options.exporter);
  else {
    const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-http');
    const url = options.endpoint ? `${options.endpoint.replace(/\/+$/, '')}/v1/traces` : undefined;
    processor = new BatchSpanProcessor(new OTLPTraceExporter(url ? { url } : {}));
  }
  const provider = new NodeTracerProvider({ resource: resourceFromAttributes({ 'service.name': options.serviceName }), spanProcessors: [processor] });
  provider.register();
  return {
    tracer: provider.getTracer('particulier-hub'),
    shutdown: async () => {
      await provider.shutdown();
    },
  };
}

/** The server span of an HTTP request, child of the caller's `traceparent` when it sent one. */
export function startRequestSpan(tracer: Tracer, method: string | undefined, route: string, headers: Record<string, unknown>): { span: Span; run<T>(fn: () => T): T } {
  const parent = propagation.extract(context.active(), headers);
  // The route only: query strings may carry consent tokens.
  const span = tracer.startSpan(`${method ?? 'GET'} ${route}`, {
    kind: SpanKind.SERVER, attributes: { 'http.request.method': method ?? 'GET', 'http.route': route },
  }, parent);
  const active = trace.setSpan(parent, span);
  return { span, run: (fn) => context.with(active, fn) };
}

/** A client span around one upstream attempt; `headers` carry its `traceparent` upstream. */
export function startUpstreamSpan(tracer: Tracer, provider: string, route: string): { headers: Record<string, string>; end(status: number | null, outcome: string): void } {
  const span = tracer.startSpan(`upstream ${provider}`, {
    kind: SpanKind.CLIENT, attributes: { 'hub.provider': provider, 'http.route': route, 'http.request.method': 'GET' },
  });
  const headers: Record<string, string> = {};
  propagation.inject(trace.setSpan(context.active(), span), headers);
  return {
    headers,
    end(status, outcome) {
      if (status !== null) span.setAttribute('http.response.status_code', status);
      span.setAttribute('hub.upstream.outcome', outcome);
      if (outcome !== 'ok' && outcome !== 'not_found') span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    },
  };
}

/** Runs `fn` in an internal span (a child of the active one), ended when its promise settles. */
export function inSpan<T>(tracer: Tracer, name: string, attributes: Record<string, string | number>, fn: () => Promise<T>): Promise<T> {
  return tracer.startActiveSpan(name, { attributes }, (span) => fn().then((value) => {
    span.end();
    return value;
  }, (error: unknown) => {
    span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
    throw error;
  }));
}

/** A span for something already finished (the journal reports a commit once it is over). */
export function recordFinishedSpan(tracer: Tracer, name: string, durationMs: number, attributes: Record<string, string | number | boolean>, failed: boolean): void {
  const now = Date.now();
  const span = tracer.startSpan(name, { startTime: now - durationMs, attributes });
  if (failed) span.setStatus({ code: SpanStatusCode.ERROR });
  span.end(now);
}
