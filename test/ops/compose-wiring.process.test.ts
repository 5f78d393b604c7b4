// docker-compose.yml without Docker (issue 15): the standalone sandbox and two `hub start`
// processes get the environment docker-compose.yml gives them — read from the file, service names
// replaced by loopback ports — behind a small Node reverse proxy that routes as deploy/nginx.conf
// does (its locations are parsed, test/ops/compose-file.ts). Checks: the IdP's discovery document,
// fetched by the browser through the published port and by the hubs at their internal address,
// names the issuer the hubs expect; a citizen logs in through the proxy and reaches /me, the hops
// served by both replicas; both hubs answer an operator behind the proxy.
// PostgreSQL: DATABASE_URL, else the local server on 127.0.0.1:5432 when one answers (skipped
// otherwise); a schema of its own, dropped afterwards.
import http from 'node:http';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { expect } from '../support/expect.js';
import { freePort } from '../support/test-hub.js';
import { HttpBrowser, hiddenFields } from '../citizen/http-browser.js';
import { readCompose, readNginxRoutes, routeOf } from './compose-file.js';
import { cliJson, createScratchSchema, startHubProcess, stopProcess } from './ops-process.js';

const SANDBOX = fileURLToPath(new URL('../../packages/sandbox/dist/bin/sandbox.js', import.meta.url));
const compose = readCompose();
const routes = readNginxRoutes();

let available = false;
let scratch: Awaited<ReturnType<typeof createScratchSchema>> = null;
let databaseUrl: string;
const dataDirs: string[] = [];
const children: ChildProcess[] = [];
let proxy: http.Server | undefined;
/** compose `host:port` → the loopback `127.0.0.1:port` standing in for it. */
const address = new Map<string, string>();
let hubPorts: number[] = [];
let publicOrigin: string;
let hubEnv: (replica: number) => NodeJS.ProcessEnv;
/** Which replica the proxy sent each request to, in order. */
const served: { path: string; port: number; status: number }[] = [];

/** The test runner's environment without the variables a service's own environment sets. */
function baseEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(HUB_|SANDBOX_|OTEL_|DATABASE_URL$|PORT$|HOST$|REDIS_URL$)/.test(k)));
}

/** A compose value with its `http://host:port` addresses replaced by their loopback stand-ins. */
function localise(value: string): string {
  return value.replace(/\bhttp:\/\/([\w.-]+:\d+)/g, (whole, hostPort: string) => {
    const local = address.get(hostPort);
    if (!local) throw new Error(`no stand-in for ${hostPort} (in ${value})`);
    return `http://${local}`;
  });
}

function serviceEnv(service: string): Record<string, string> {
  return Object.fromEntries(Object.entries(compose.services[service].environment as Record<string, string>).map(([k, v]) => [k, localise(String(v))]));
}

async function startSandbox(env: NodeJS.ProcessEnv): Promise<void> {
  const child = spawn(process.execPath, [SANDBOX], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (c: Buffer) => { out += c.toString(); });
  child.stderr!.on('data', (c: Buffer) => { out += c.toString(); });
  for (const started = Date.now(); !out.includes('listening on'); await new Promise((r) => setTimeout(r, 50))) {
    if (Date.now() - started > 30_000 || child.exitCode !== null) throw new Error(`sandbox did not start:\n${out}`);
  }
}

/** nginx's part: deploy/nginx.conf's routing, round-robin over the replicas of a service. */
function startProxy(port: number): Promise<void> {
  let next = 0;
  proxy = http.createServer((req, res) => {
    const route = routeOf(routes, req.url ?? '/');
    if (!route) {
      res.writeHead(404).end();
      return;
    }
    const [host] = route.target.split(':');
    const ports = host === 'hub' ? hubPorts : [Number(address.get(route.target)!.split(':')[1])];
    const target = ports[next++ % ports.length]!;
    const upstream = http.request({
      host: '127.0.0.1', port: target, path: route.path, method: req.method, agent: false,
      headers: { ...req.headers, 'x-forwarded-for': req.socket.remoteAddress ?? '', 'x-forwarded-proto': 'http', connection: 'close' },
    }, (answer) => {
      served.push({ path: req.url ?? '/', port: target, status: answer.statusCode ?? 0 });
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  return new Promise((resolve) => proxy!.listen(port, '127.0.0.1', resolve));
}

beforeAll(async () => {
  scratch = await createScratchSchema('compose');
  if (!scratch) return;
  available = true;
  databaseUrl = scratch.databaseUrl;

  const [proxyPort, sandboxPort, ...ports] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
  hubPorts = ports;
  const published = String(compose.services.gateway.ports[0]).split(':')[0];
  address.set(`localhost:${published}`, `127.0.0.1:${proxyPort}`);
  address.set(`sandbox:${compose.services.sandbox.environment.SANDBOX_PORT}`, `127.0.0.1:${sandboxPort}`);
  publicOrigin = `http://127.0.0.1:${proxyPort}`;

  await startSandbox({ ...baseEnv(), ...serviceEnv('sandbox'), SANDBOX_PORT: String(sandboxPort), SANDBOX_HOST: '127.0.0.1' });
  const hub = serviceEnv('hub');
  for (let i = 0; i < hubPorts.length; i++) dataDirs.push(await mkdtemp(path.join(tmpdir(), 'hub-compose-')));
  hubEnv = (replica) => ({
    ...baseEnv(), ...hub, DATABASE_URL: databaseUrl, PORT: String(hubPorts[replica]), HOST: '127.0.0.1', HUB_DATA_DIR: dataDirs[replica], LOG_LEVEL: 'warn',
  });
  // The replicas start together, as compose starts them (migrations serialise on knex's lock).
  const hubs = await Promise.all(hubPorts.map((_, i) => startHubProcess(hubEnv(i))));
  children.push(...hubs.map((h) => h.child));
  await startProxy(proxyPort);
}, 120_000);

afterAll(async () => {
  await Promise.all(children.map((child) => stopProcess(child)));
  if (proxy) {
    proxy.closeAllConnections();
    await new Promise((r) => proxy!.close(r));
  }
  await scratch?.drop();
  await Promise.all(dataDirs.map((dir) => rm(dir, { recursive: true, force: true })));
}, 30_000);

describe('docker-compose wiring, as processes', () => {
  it('serves the IdP discovery document with the issuer the hubs expect, on both addresses', async () => {
    if (!available) {
      console.warn('no PostgreSQL reachable: compose wiring test skipped');
      return;
    }
    const issuer = hubEnv(0).HUB_IDP_ISSUER!;
    expect(issuer).toBe(`${publicOrigin}/sandbox/idp`);
    const viaBrowser = await fetch(`${issuer}/.well-known/openid-configuration`);
    expect(viaBrowser.status).toBe(200);
    const document = (await viaBrowser.json()) as Record<string, string>;
    expect(document.issuer).toBe(issuer);
    expect(document.authorization_endpoint).toBe(`${issuer}/authorize`);
    // What the hubs fetch: the same document at their internal address.
    const viaHub = await fetch(`${hubEnv(0).HUB_IDP_INTERNAL_URL}/.well-known/openid-configuration`);
    expect(await viaHub.json()).toEqual(document);
    // Only the IdP is published: the sandbox's admin endpoint, through the port, is the hub's 404.
    expect((await fetch(`${publicOrigin}/sandbox/_stats`)).status).toBe(404);
  });

  it('logs a citizen in through the published port, the hops served by both replicas', async () => {
    if (!available) return;
    const issuer = hubEnv(0).HUB_IDP_ISSUER!;
    const browser = new HttpBrowser();
    const first = served.length;
    const start = await browser.get(`${publicOrigin}/me`);
    expect(start.status).toBe(303);
    const authorize = new URL(start.location!);
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${issuer}/authorize`);
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${publicOrigin}/me/callback`);
    const page = await browser.get(authorize.toString());
    expect(page.status).toBe(200);
    const form = hiddenFields(page.body);
    form.set('persona', 'sophie-lambert');
    const chosen = await browser.postForm(new URL('authorize', authorize).toString(), form);
    expect(chosen.status).toBe(302);
    expect(chosen.location).toMatch(new RegExp(`^${publicOrigin}/me/callback\\?`));
    const callback = await browser.get(chosen.location!);
    expect(callback.status, callback.body).toBe(303);
    expect(callback.location).toBe(`${publicOrigin}/me`);
    const me = await browser.get(`${publicOrigin}/me`);
    expect(me.status).toBe(200);
    expect(me.headers.get('content-type')).toMatch(/^text\/html/);
    // The login cookie sealed by one replica was opened by the other: one session key for both.
    const hops = served.slice(first);
    expect(new Set(hops.filter((s) => hubPorts.includes(s.port)).map((s) => s.port))).toEqual(new Set(hubPorts));
    // Through the published port, only the browser's hops reached the IdP: the hubs' discovery,
    // JWKS and token requests went to HUB_IDP_INTERNAL_URL (a container cannot reach localhost:4000).
    expect(hops.filter((s) => s.path.startsWith('/sandbox/')).map((s) => s.path.split('?')[0])).toEqual(['/sandbox/idp/authorize', '/sandbox/idp/authorize']);
  });

  it('answers an operator from both replicas behind the proxy', async () => {
    if (!available) return;
    const env = hubEnv(0);
    const op = await cliJson(env, 'operator', 'add', '--name', 'Mairie de Lyon', '--siret', '21690123100011');
    const { token } = await cliJson(env, 'token', 'issue', '--operator', op.id!);
    const first = served.length;
    for (let i = 0; i < 4; i++) {
      const r = await fetch(`${publicOrigin}/graphql`, {
        method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(r.status).toBe(200);
      expect(((await r.json()) as { data: unknown }).data).toEqual({ __typename: 'Query' });
      const ready = await fetch(`${publicOrigin}/readyz`);
      expect(ready.status).toBe(200);
    }
    expect(new Set(served.slice(first).map((s) => s.port))).toEqual(new Set(hubPorts));
  }, 60_000);
});
