// Issue 15 "Must show", tracing: with an in-memory span exporter, a consented query produces the
// request span, its upstream span (the upstream received the W3C traceparent of that span), the
// consent read and the journal append and commit spans, with their parent links; no attribute
// holds personal data. The CNAV upstream here is a tiny local proxy to the hub's own sandbox
// that records the headers it receives.
import http, { type Server } from 'node:http';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { expect } from '../support/expect.js';
import { createHub, loadConfig, type Hub } from '@hub/gateway';
import { createStore } from '@hub/store';
import { personas } from '@hub/sandbox';
import { openTestDatabase } from '../support/test-database.js';
import { freePort, gql } from '../support/test-hub.js';

const exporter = new InMemorySpanExporter();
let db: Awaited<ReturnType<typeof openTestDatabase>>;
let hub: Hub;
let url: string;
let proxy: Server;
const received: { path: string; traceparent: string | undefined }[] = [];

beforeAll(async () => {
  db = await openTestDatabase();
  const port = await freePort();
  const proxyPort = await freePort();
  proxy = http.createServer((req, res) => {
    received.push({ path: (req.url ?? '').split('?')[0]!, traceparent: req.headers.traceparent as string | undefined });
    const upstream = http.request(`http://127.0.0.1:${port}/sandbox${req.url}`, { headers: { authorization: req.headers.authorization ?? '' } }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, { 'content-type': answer.headers['content-type'] ?? 'application/json' });
      answer.pipe(res);
    });
    upstream.on('error', () => { res.writeHead(502); res.end(); });
    upstream.end();
  });
  await new Promise<void>((resolve) => proxy.listen(proxyPort, '127.0.0.1', resolve));
  const config = loadConfig({
    PORT: String(port), HOST: '127.0.0.1', HUB_SANDBOX: '1', LOG_LEVEL: 'silent',
    HUB_UPSTREAM_CNAV_URL: `http://127.0.0.1:${proxyPort}`, HUB_UPSTREAM_CNAV_TOKEN: 'sandbox',
  });
  hub = await createHub(config, { store: createStore(db), spanExporter: exporter });
  url = (await hub.listen()).url;
});
afterAll(async () => {
  await hub?.close();
  await new Promise((resolve) => proxy?.close(resolve));
  await db?.close();
});

describe('tracing (in-memory exporter)', () => {
  it('links request → upstream, consent read, journal append → commit, and sends traceparent upstream', async () => {
    const op = await hub.admin.addOperator({ name: 'CCAS de Traceville', siret: '21750001600019' });
    await hub.admin.grantHabilitation({ operator: op.id, scopes: 'identite_pivot,cnaf_quotient_familial', purpose: 'Tarification sociale', legalBasis: 'CRPA L114-8' });
    const token = (await hub.admin.issueToken({ operator: op.id, ttl: '1h' })).token;
    const sophie = personas.find((p) => p.id === 'sophie-lambert')!;
    const consent = (await hub.admin.grantConsent({ operator: op.id, scopes: 'identite_pivot,cnaf_quotient_familial', purpose: 'Tarification sociale', persona: sophie.id })).token;
    exporter.reset();
    received.length = 0;

    const r = await gql(url, token, 'query Quotient($c: String!) { person(consent: $c) { identity { birthName } family { familyQuotient { value } } } }', { c: consent });
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data.person.family.familyQuotient.value).toBe(780);
    // The server span ends on the response's 'close', just after the client has read it.
    for (let i = 0; i < 50 && !exporter.getFinishedSpans().some((s) => s.name === 'POST /graphql'); i++) await new Promise((res) => setTimeout(res, 20));

    const spans = exporter.getFinishedSpans();
    const byName = (name: string) => spans.filter((s) => s.name === name);
    const request = byName('POST /graphql');
    expect(request).toHaveLength(1);
    const root = request[0]!;
    const traceId = root.spanContext().traceId;
    const parentOf = (s: (typeof spans)[number]) => s.parentSpanContext?.spanId;

    const upstream = byName('upstream CNAV');
    expect(upstream.length).toBeGreaterThanOrEqual(1);
    for (const s of upstream) {
      expect(s.spanContext().traceId).toBe(traceId);
      expect(parentOf(s)).toBe(root.spanContext().spanId);
      expect(s.attributes['http.route']).toBe('/v3/dss/quotient_familial/identite');
    }
    // The upstream got the traceparent of its own span.
    const sent = received.find((c) => c.path === '/v3/dss/quotient_familial/identite')!;
    expect(sent.traceparent).toBe(`00-${traceId}-${upstream[0]!.spanContext().spanId}-01`);

    const consentRead = byName('hub.consent.read');
    expect(consentRead).toHaveLength(1);
    expect(parentOf(consentRead[0]!)).toBe(root.spanContext().spanId);

    const append = byName('hub.journal.append');
    expect(append).toHaveLength(1);
    expect(parentOf(append[0]!)).toBe(root.spanContext().spanId);
    const commit = byName('hub.journal.commit');
    expect(commit).toHaveLength(1);
    expect(parentOf(commit[0]!)).toBe(append[0]!.spanContext().spanId);
    expect(commit[0]!.attributes['hub.journal.entries']).toBe(1);

    // Nothing personal in any attribute.
    const attributes = JSON.stringify(spans.map((s) => s.attributes));
    for (const value of [sophie.identity.nomNaissance, consent, token, ...sophie.identity.prenoms]) expect(attributes).not.toContain(value);
    expect(root.attributes['graphql.operation.name']).toBe('Quotient');
  });
});
