// HTTP tests: the client against a real node:http server on 127.0.0.1 (no mocks of fetch).
import { createServer, type IncomingMessage, type ServerResponse, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { HubError, type RequestScope, type SourceConfig, type UpstreamCallRecord } from '@hub/core';
import { createUpstreamClient, type UpstreamClientOptions } from './create-upstream-client.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

let server: Server;
let baseUrl: string;
let handler: Handler;
let requests: { url: string; authorization: string | undefined }[];
let inFlight = 0;
let maxInFlight = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push({ url: req.url ?? '', authorization: req.headers.authorization });
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.on('close', () => {
      inFlight -= 1;
    });
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  requests = [];
  inFlight = 0;
  maxInFlight = 0;
  handler = (_req, res) => json(res, 200, { data: { ok: true } });
});

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function scope(): RequestScope & { calls: UpstreamCallRecord[] } {
  const calls: UpstreamCallRecord[] = [];
  return { requestId: 'req-1', recipient: '13002526500013', onUpstreamCall: (r) => calls.push(r), calls };
}

function client(overrides: Partial<SourceConfig> = {}, options: Partial<UpstreamClientOptions> = {}) {
  return createUpstreamClient({
    provider: 'CNAV',
    config: { baseUrl, token: 'secret-token', timeoutMs: 1_000, maxConcurrent: 4, ...overrides },
    errorFormat: 'v3',
    retryBaseDelayMs: 5,
    ...options,
  });
}

async function rejection(promise: Promise<unknown>): Promise<HubError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HubError);
  return error as HubError;
}

describe('createUpstreamClient over HTTP', () => {
  it('sends the bearer token, recipient and array parameters as name[] and returns the parsed body', async () => {
    const s = scope();
    const body = await client().get(
      '/v3/dss/quotient_familial/identite',
      { nomNaissance: 'DUPONT', prenoms: ['JEAN', 'MARIE'], anneeDateNaissance: 1980, nomUsage: undefined },
      s,
    );
    expect(body).toEqual({ data: { ok: true } });
    expect(requests).toHaveLength(1);
    const url = new URL(requests[0]!.url, baseUrl);
    expect(url.pathname).toBe('/v3/dss/quotient_familial/identite');
    expect(url.searchParams.getAll('prenoms[]')).toEqual(['JEAN', 'MARIE']);
    expect(url.searchParams.get('nomNaissance')).toBe('DUPONT');
    expect(url.searchParams.get('anneeDateNaissance')).toBe('1980');
    expect(url.searchParams.has('nomUsage')).toBe(false);
    expect(url.searchParams.get('recipient')).toBe('13002526500013');
    expect(requests[0]!.authorization).toBe('Bearer secret-token');
    expect(s.calls).toEqual([
      { provider: 'CNAV', route: '/v3/dss/quotient_familial/identite', status: 200, outcome: 'ok', durationMs: expect.any(Number) },
    ]);
  });

  it('maps a v3 404 to NOT_FOUND with the upstream code, without retrying', async () => {
    handler = (_req, res) => json(res, 404, { errors: [{ code: '37003', title: 'Dossier allocataire absent CNAV', detail: 'x', source: null, meta: {} }] });
    const s = scope();
    const error = await rejection(client().get('/v3/x', {}, s));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.extensions).toMatchObject({ provider: 'CNAV', upstreamCode: '37003' });
    expect(requests).toHaveLength(1);
    expect(s.calls.map((c) => c.outcome)).toEqual(['not_found']);
  });

  it('maps a flat v2 404 to NOT_FOUND with a provider_status code', async () => {
    handler = (_req, res) => json(res, 404, { error: 'not_found', reason: 'r', message: 'm' });
    const error = await rejection(client({}, { provider: 'DGFIP', errorFormat: 'v2-flat' }).get('/api/v2/avis-imposition', {}, scope()));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.extensions).toMatchObject({ provider: 'DGFIP', upstreamCode: 'dgfip_404' });
  });

  it('retries a 502 exactly once, then gives PROVIDER_UNAVAILABLE', async () => {
    handler = (_req, res) => json(res, 502, { errors: [{ code: '37999', title: 't', detail: 'd', source: null, meta: {} }] });
    const s = scope();
    const error = await rejection(client().get('/v3/x', {}, s));
    expect(error.code).toBe('PROVIDER_UNAVAILABLE');
    expect(error.extensions.upstreamCode).toBe('37999');
    expect(requests).toHaveLength(2);
    expect(s.calls.map((c) => [c.status, c.outcome])).toEqual([
      [502, 'unavailable'],
      [502, 'unavailable'],
    ]);
  });

  it('succeeds when the retry of a 503 succeeds', async () => {
    let n = 0;
    handler = (_req, res) => (n++ === 0 ? json(res, 503, { errors: [] }) : json(res, 200, { data: 1 }));
    await expect(client().get('/v3/x', {}, scope())).resolves.toEqual({ data: 1 });
    expect(requests).toHaveLength(2);
  });

  it('does not retry a 509 (DGFIP refusing after failures) and maps it to PROVIDER_UNAVAILABLE with retryAfter', async () => {
    handler = (_req, res) => json(res, 509, { error: 'rate_limited', reason: 'r', message: 'm' }, { 'retry-after': '30' });
    const error = await rejection(client({}, { provider: 'DGFIP', errorFormat: 'v2-flat' }).get('/api/v2/avis-imposition', {}, scope()));
    expect(error.code).toBe('PROVIDER_UNAVAILABLE');
    expect(error.extensions).toMatchObject({ provider: 'DGFIP', upstreamCode: 'dgfip_509', retryAfter: 30 });
    expect(requests).toHaveLength(1);
  });

  it('maps an upstream 504 to PROVIDER_TIMEOUT and other statuses to PROVIDER_ERROR', async () => {
    handler = (_req, res) => json(res, 504, { errors: [{ code: '37002' }] });
    const timeoutError = await rejection(client().get('/v3/x', {}, scope()));
    expect(timeoutError.code).toBe('PROVIDER_TIMEOUT');
    expect(timeoutError.extensions.upstreamCode).toBe('37002');

    handler = (_req, res) => json(res, 400, { errors: [{ code: '00201' }] });
    const s = scope();
    const badRequest = await rejection(client().get('/v3/x', {}, s));
    expect(badRequest.code).toBe('PROVIDER_ERROR');
    expect(s.calls[0]!.outcome).toBe('bad_request');

    handler = (_req, res) => json(res, 500, { error: 'error', reason: 'r', message: 'm' });
    expect((await rejection(client().get('/v3/x', {}, scope()))).code).toBe('PROVIDER_ERROR');
  });

  it('maps an unparseable 2xx body to PROVIDER_ERROR', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"data": <html>');
    };
    const s = scope();
    const error = await rejection(client().get('/v3/x', {}, s));
    expect(error.code).toBe('PROVIDER_ERROR');
    expect(error.extensions.reason).toBe('invalid_body');
    expect(requests).toHaveLength(1);
    expect(s.calls.map((c) => c.outcome)).toEqual(['error']);
  });

  it('times out a hanging upstream, retries once, and fails within the deadline with PROVIDER_TIMEOUT', async () => {
    handler = () => {
      /* never answers */
    };
    const s = scope();
    const started = Date.now();
    const error = await rejection(client({ timeoutMs: 200 }, { deadlineMs: 1_000 }).get('/v3/x', {}, s));
    const elapsed = Date.now() - started;
    expect(error.code).toBe('PROVIDER_TIMEOUT');
    expect(error.extensions).toMatchObject({ provider: 'CNAV', reason: 'timeout' });
    expect(requests).toHaveLength(2);
    expect(elapsed).toBeGreaterThanOrEqual(390);
    expect(elapsed).toBeLessThan(1_000);
    expect(s.calls.map((c) => [c.status, c.outcome])).toEqual([
      [null, 'timeout'],
      [null, 'timeout'],
    ]);
  });

  it('bounds a whole call by the deadline even when the retry would run longer', async () => {
    handler = () => {};
    const started = Date.now();
    const error = await rejection(client({ timeoutMs: 300 }, { deadlineMs: 400 }).get('/v3/x', {}, scope()));
    expect(error.code).toBe('PROVIDER_TIMEOUT');
    expect(Date.now() - started).toBeLessThan(600);
  });

  it('maps a refused connection to PROVIDER_UNAVAILABLE', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const s = scope();
    const error = await rejection(client({ baseUrl: `http://127.0.0.1:${port}` }).get('/v3/x', {}, s));
    expect(error.code).toBe('PROVIDER_UNAVAILABLE');
    expect(error.extensions.reason).toBe('connection_failed');
    expect(s.calls.map((c) => [c.status, c.outcome])).toEqual([
      [null, 'unavailable'],
      [null, 'unavailable'],
    ]);
  });

  it('opens the circuit on the failure rate over a minimum of attempts, then lets one probe through after the half-open delay', async () => {
    handler = (_req, res) => json(res, 503, { errors: [] });
    const c = client({}, { breakerMinCalls: 4, breakerFailureRate: 0.5, breakerHalfOpenMs: 300 });
    // First call: attempt + retry = two failures, below the minimum of 4 attempts: still closed.
    expect((await rejection(c.get('/v3/x', {}, scope()))).extensions.reason).toBeUndefined();
    expect(c.circuit()).toBe('closed');
    expect((await rejection(c.get('/v3/x', {}, scope()))).code).toBe('PROVIDER_UNAVAILABLE');
    expect(requests).toHaveLength(4);
    expect(c.circuit()).toBe('open');

    const s = scope();
    const open = await rejection(c.get('/v3/x', {}, s));
    expect(open.code).toBe('PROVIDER_UNAVAILABLE');
    expect(open.extensions).toMatchObject({ reason: 'circuit_open', retryAfter: 1 });
    expect(requests).toHaveLength(4); // no HTTP call while open
    expect(s.calls).toEqual([]);

    await new Promise((resolve) => setTimeout(resolve, 350));
    handler = (_req, res) => setTimeout(() => json(res, 200, { data: 'back' }), 100);
    // One probe; the calls arriving meanwhile are refused at once instead of waiting for it.
    const probe = c.get('/v3/x', {}, scope());
    const started = Date.now();
    const during = await rejection(c.get('/v3/x', {}, scope()));
    expect(during.extensions.reason).toBe('circuit_open');
    expect(Date.now() - started).toBeLessThan(50);
    await expect(probe).resolves.toEqual({ data: 'back' });
    expect(requests).toHaveLength(5);
    expect(c.circuit()).toBe('closed');
    await expect(c.get('/v3/x', {}, scope())).resolves.toEqual({ data: 'back' });
  });

  it('gives retryAfter from the time left before the probe', async () => {
    handler = (_req, res) => json(res, 503, { errors: [] });
    const c = client({}, { breakerMinCalls: 2, breakerFailureRate: 0.5, breakerHalfOpenMs: 4_000 });
    await rejection(c.get('/v3/x', {}, scope()));
    expect(c.circuit()).toBe('open');
    expect((await rejection(c.get('/v3/x', {}, scope()))).extensions).toMatchObject({ reason: 'circuit_open', retryAfter: 4 });
  });

  it('does not count 4xx answers as breaker failures, and counts them as answers in the rate', async () => {
    handler = (_req, res) => json(res, 404, { errors: [{ code: '37003' }] });
    const c = client({}, { breakerMinCalls: 2, breakerFailureRate: 0.5 });
    for (let i = 0; i < 4; i++) expect((await rejection(c.get('/v3/x', {}, scope()))).code).toBe('NOT_FOUND');
    handler = (_req, res) => json(res, 422, { errors: [{ code: '00201' }] });
    for (let i = 0; i < 4; i++) expect((await rejection(c.get('/v3/x', {}, scope()))).code).toBe('PROVIDER_ERROR');
    expect(requests).toHaveLength(8);
    // 2 failed attempts among 10: 20 % < 50 %, the circuit stays closed.
    handler = (_req, res) => json(res, 503, { errors: [] });
    expect((await rejection(c.get('/v3/x', {}, scope()))).extensions.reason).toBeUndefined();
    expect(c.circuit()).toBe('closed');
  });

  it('counts an upstream 500 as a failure of the upstream (PROVIDER_ERROR, not retried)', async () => {
    handler = (_req, res) => json(res, 500, { errors: [] });
    const c = client({}, { breakerMinCalls: 2, breakerFailureRate: 0.5 });
    expect((await rejection(c.get('/v3/x', {}, scope()))).code).toBe('PROVIDER_ERROR');
    expect((await rejection(c.get('/v3/x', {}, scope()))).code).toBe('PROVIDER_ERROR');
    expect(requests).toHaveLength(2);
    expect(c.circuit()).toBe('open');
  });

  it('says PROVIDER_TIMEOUT when the attempts timed out, even if the circuit opened meanwhile', async () => {
    handler = () => {};
    const c = client({ timeoutMs: 200 }, { breakerMinCalls: 1, breakerFailureRate: 0.5, deadlineMs: 1_000 });
    const error = await rejection(c.get('/v3/x', {}, scope()));
    expect(error.code).toBe('PROVIDER_TIMEOUT');
    expect(error.extensions.reason).toBe('timeout');
    expect(requests).toHaveLength(1); // the retry found the circuit open: no second call
    expect((await rejection(c.get('/v3/x', {}, scope()))).extensions.reason).toBe('circuit_open');
  });

  it('caps concurrent calls at maxConcurrent and queues the rest', async () => {
    handler = (_req, res) => setTimeout(() => json(res, 200, { data: 'slow' }), 80);
    const c = client({ maxConcurrent: 2 });
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => c.get('/v3/x', { n: i }, scope())));
    expect(results).toHaveLength(6);
    expect(requests).toHaveLength(6);
    expect(maxInFlight).toBe(2);
  });

  it('refuses calls beyond the queue at once with overloaded, and does not count them against the upstream', async () => {
    handler = (_req, res) => setTimeout(() => json(res, 200, { data: 'slow' }), 80);
    const c = client({ maxConcurrent: 1 }, { queueLimit: 1, breakerMinCalls: 1, breakerFailureRate: 0.1 });
    const started = Date.now();
    const calls = [1, 2, 3].map((n) => c.get('/v3/x', { n }, scope()).then(() => Date.now() - started, (e: unknown) => e));
    const third = await calls[2];
    expect(third).toBeInstanceOf(HubError);
    expect((third as HubError).extensions).toMatchObject({ provider: 'CNAV', reason: 'overloaded', retryAfter: 1 });
    expect(Date.now() - started).toBeLessThan(40);
    expect(await calls[0]).toEqual(expect.any(Number));
    expect(await calls[1]).toEqual(expect.any(Number));
    expect(requests).toHaveLength(2);
    expect(c.circuit()).toBe('closed');
  });

  it('time spent waiting for a slot does not count against the upstream: a call that cannot get one in time is overloaded', async () => {
    handler = (_req, res) => setTimeout(() => json(res, 200, { data: 'slow' }), 300);
    const c = client({ maxConcurrent: 1, timeoutMs: 400 }, { queueTimeoutMs: 100, breakerMinCalls: 1, breakerFailureRate: 0.1 });
    // The second waits 300 ms for its slot (beyond the 100 ms allowed): overloaded, not a timeout.
    const [a, b] = await Promise.allSettled([c.get('/v3/x', { n: 1 }, scope()), c.get('/v3/x', { n: 2 }, scope())]);
    expect(a.status).toBe('fulfilled');
    expect(((b as PromiseRejectedResult).reason as HubError).extensions.reason).toBe('overloaded');
    expect(c.circuit()).toBe('closed');
    // A queued call that gets its slot has its whole attempt timeout: 300 ms queued + 300 ms answered.
    const slow = client({ maxConcurrent: 1, timeoutMs: 400 }, { queueTimeoutMs: 1_000 });
    const both = await Promise.all([slow.get('/v3/x', { n: 1 }, scope()), slow.get('/v3/x', { n: 2 }, scope())]);
    expect(both).toEqual([{ data: 'slow' }, { data: 'slow' }]);
  });

  it('retries only within the retry budget', async () => {
    handler = (_req, res) => json(res, 503, { errors: [] });
    const c = client({}, { retryBudgetRate: 0.2, retryBudgetMinPerSecond: 0, breakerMinCalls: 1_000 });
    for (let i = 0; i < 10; i++) await rejection(c.get('/v3/x', { n: i }, scope()));
    // 10 calls: 20 % → 2 retries.
    expect(requests).toHaveLength(12);
  });
});
