import { request } from 'node:http';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { expect } from '../support/expect.js';
import { startExplorerServer, type ExplorerTestServer } from './explorer-test-server.js';

type RawResponse = { status: number; headers: Record<string, string | string[] | undefined>; body: Buffer };

/** node:http, not fetch: fetch would normalise `..` away before the request leaves. */
function rawRequest(base: string, path: string, options: { method?: string; headers?: Record<string, string> } = {}): Promise<RawResponse> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path, method: options.method ?? 'GET', headers: options.headers ?? {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

function packageFile(pkg: string, file: string): Buffer {
  const require = createRequire(import.meta.url);
  return readFileSync(join(dirname(require.resolve(`${pkg}/package.json`)), file));
}

/** The src/href of every <script>/<link> of the page, except the empty `data:,` favicon. */
function referencedAssets(html: string): string[] {
  return [...html.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+)"/g)]
    .map((m) => m[1]!.replace(/&#38;/g, '&'))
    .filter((ref) => ref !== 'data:,');
}

describe('explorer page and assets over HTTP', () => {
  let server: ExplorerTestServer;
  let html: string;
  let page: RawResponse;

  beforeAll(async () => {
    server = await startExplorerServer();
    page = await rawRequest(server.url, '/');
    html = page.body.toString('utf8');
  });
  afterAll(() => server?.close());

  it('serves a French HTML page with a strict CSP header', () => {
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
    expect(html).toMatch(/<html lang="fr">/);
    expect(html).toMatch(/<title>Explorateur GraphQL — Particulier Hub<\/title>/);
    expect(html).toContain('http-equiv="Content-Security-Policy"');
  });

  it('has a password-type « Jeton opérateur » field and help pointing to person(consent:)', () => {
    expect(html).toMatch(/<label for="hub-operator-token">Jeton opérateur<\/label>/);
    expect(html).toMatch(/<input id="hub-operator-token"[^>]*type="password"/);
    expect(html).toContain('person(consent: ');
    expect(html).toContain('Authorization: Bearer');
  });

  it('carries the default viewer query and the GraphQL path in its JSON settings block', () => {
    const block = /<script type="application\/json" id="hub-explorer-config">([^<]*)<\/script>/.exec(html);
    expect(block).not.toBeNull();
    const config = JSON.parse(block![1]!) as { graphqlPath: string; defaultQuery: string };
    expect(config.graphqlPath).toBe('/graphql');
    expect(config.defaultQuery.replace(/#.*$/gm, '').replace(/\s+/g, ' ').trim()).toBe('{ viewer { name siret scopes } }');
  });

  it('has no inline script or style and names no external URL', () => {
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/\/\/[a-z0-9.-]+\.[a-z]{2,}\//i);
    expect(html).not.toMatch(/<style\b/);
    expect(html).not.toMatch(/\sstyle="/);
    for (const tag of html.match(/<script\b[^>]*>/g) ?? []) {
      // Every executable script is an external same-origin file; the one data block is JSON.
      expect(tag).toMatch(/\bsrc="\/|type="application\/json"/);
    }
    expect(html).not.toMatch(/\son[a-z]+="/i);
  });

  it('serves every asset the page references with 200, its content type, long cache and an ETag', async () => {
    const refs = referencedAssets(html);
    expect(refs.map((r) => r.split('?')[0])).toEqual([
      '/explorer/assets/graphiql.min.css',
      '/explorer/assets/explorer.css',
      '/explorer/assets/react.production.min.js',
      '/explorer/assets/react-dom.production.min.js',
      '/explorer/assets/graphiql.min.js',
      '/explorer/assets/explorer.js',
    ]);
    for (const ref of refs) {
      const res = await rawRequest(server.url, ref);
      expect(res.status, ref).toBe(200);
      const type = ref.split('?')[0]!.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8';
      expect(res.headers['content-type'], ref).toBe(type);
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      const version = new URL(ref, server.url).searchParams.get('v');
      expect(res.headers.etag).toBe(`"${version}"`);
      expect(res.body.length).toBeGreaterThan(100);
    }
  });

  it('serves the installed npm files themselves (no copy, no CDN)', async () => {
    const cases: Array<[string, string, string]> = [
      ['react.production.min.js', 'react', 'umd/react.production.min.js'],
      ['react-dom.production.min.js', 'react-dom', 'umd/react-dom.production.min.js'],
      ['graphiql.min.js', 'graphiql', 'graphiql.min.js'],
      ['graphiql.min.css', 'graphiql', 'graphiql.min.css'],
    ];
    for (const [name, pkg, file] of cases) {
      const res = await rawRequest(server.url, `/explorer/assets/${name}`);
      const original = packageFile(pkg, file).toString('utf8').replace(/\n*(\/\/# sourceMappingURL=\S+|\/\*# sourceMappingURL=[^*\s]+\s*\*\/)\s*$/, '');
      expect(res.body.toString('utf8') === original, name).toBe(true);
    }
    const graphiql = await rawRequest(server.url, '/explorer/assets/graphiql.min.js');
    expect(graphiql.body.toString('utf8')).toContain('window.GraphiQL');
    expect(graphiql.body.toString('utf8')).not.toContain('sourceMappingURL=');
    const css = await rawRequest(server.url, '/explorer/assets/graphiql.min.css');
    expect(css.body.toString('utf8')).not.toContain('sourceMappingURL=');
  });

  it('gzips when asked, with a distinct ETag, and answers 304 to a matching If-None-Match', async () => {
    const plain = await rawRequest(server.url, '/explorer/assets/graphiql.min.js');
    const zipped = await rawRequest(server.url, '/explorer/assets/graphiql.min.js', { headers: { 'accept-encoding': 'br, gzip;q=0.8' } });
    expect(zipped.status).toBe(200);
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toBe('accept-encoding');
    expect(zipped.body.length).toBeLessThan(plain.body.length / 2);
    expect(gunzipSync(zipped.body).equals(plain.body)).toBe(true);
    expect(zipped.headers.etag).not.toBe(plain.headers.etag);
    const refused = await rawRequest(server.url, '/explorer/assets/graphiql.min.js', { headers: { 'accept-encoding': 'gzip;q=0' } });
    expect(refused.headers['content-encoding']).toBeUndefined();

    const again = await rawRequest(server.url, '/explorer/assets/graphiql.min.js', { headers: { 'if-none-match': String(plain.headers.etag) } });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    const stale = await rawRequest(server.url, '/explorer/assets/graphiql.min.js', { headers: { 'if-none-match': '"0000000000000000"' } });
    expect(stale.status).toBe(200);
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await rawRequest(server.url, '/explorer/assets/explorer.js', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(Number(head.headers['content-length'])).toBeGreaterThan(100);
    expect(head.body.length).toBe(0);
    const post = await rawRequest(server.url, '/explorer/assets/explorer.js', { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
    const postPage = await rawRequest(server.url, '/', { method: 'POST' });
    expect(postPage.status).toBe(405);
  });

  it('serves nothing outside the allow-list: traversal and unlisted names get 404', async () => {
    const attempts = [
      '/explorer/assets/../../package.json',
      '/explorer/assets/../../../../etc/passwd',
      '/explorer/assets/..%2f..%2fpackage.json',
      '/explorer/assets/%2e%2e/%2e%2e/package.json',
      '/explorer/assets/%2e%2e%2f%2e%2e%2fpackage.json',
      '/explorer/assets/..\\..\\package.json',
      '/explorer/assets//etc/passwd',
      '/explorer/assets/react/umd/react.production.min.js',
      '/explorer/assets/graphiql.min.js.map',
      '/explorer/assets/graphiql.min.js%00',
      '/explorer/assets/graphiql.min.js/',
      '/explorer/assets/./graphiql.min.js',
      '/explorer/assets/GRAPHIQL.MIN.JS',
      '/explorer/assets/package.json',
      '/explorer/assets/',
    ];
    for (const path of attempts) {
      const res = await rawRequest(server.url, path);
      expect(res.status, path).toBe(404);
      expect(res.body.toString('utf8'), path).not.toMatch(/"name"|root:/);
    }
  });
});
