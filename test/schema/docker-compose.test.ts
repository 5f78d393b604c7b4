import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { interpolate, readCompose, readNginxRoutes, routeOf } from '../ops/compose-file.js';

// No Docker engine runs on the CI machines: the compose file's structure is checked here, and
// test/ops/compose-wiring.process.test.ts runs its processes wired the same way.
const compose = readCompose();
const dockerfile = readFileSync(new URL('../../Dockerfile', import.meta.url), 'utf8');

describe('docker-compose.yml', () => {
  it('runs Postgres, the sandbox and two hub replicas behind one port', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['gateway', 'hub', 'postgres', 'sandbox']);
    expect(compose.services.hub.deploy.replicas).toBe(2);
    expect(compose.services.gateway.ports).toEqual(['4000:4000']);
    expect(compose.services.hub.ports).toBeUndefined();
    expect(compose.services.sandbox.ports).toBeUndefined();
  });

  it('points every replica at the shared database and the sandbox, with one subject key', () => {
    const env = compose.services.hub.environment;
    expect(env.DATABASE_URL).toMatch(/^postgres:\/\/.*@postgres:5432\//);
    expect(env.HUB_UPSTREAM_URL).toBe(`http://sandbox:${compose.services.sandbox.environment.SANDBOX_PORT}`);
    expect(env.HUB_UPSTREAM_TOKEN).toBe(compose.services.sandbox.environment.HUB_SANDBOX_TOKEN);
    expect(env.HUB_SUBJECT_KEY.length).toBeGreaterThanOrEqual(16);
    expect(compose.services.hub.depends_on.postgres.condition).toBe('service_healthy');
    expect(compose.services.hub.depends_on.sandbox.condition).toBe('service_healthy');
  });

  it('serves the sandbox IdP on the published origin, under the issuer the hubs expect', () => {
    const hub = compose.services.hub.environment;
    const sandbox = compose.services.sandbox.environment;
    expect(new URL(hub.HUB_PUBLIC_URL).port).toBe(compose.services.gateway.ports[0].split(':')[0]);
    expect(sandbox.SANDBOX_PUBLIC_URL).toBe(`${hub.HUB_PUBLIC_URL}/sandbox`);
    expect(hub.HUB_IDP_ISSUER).toBe(`${sandbox.SANDBOX_PUBLIC_URL}/idp`);
    // The hubs' own requests to the IdP go to the sandbox service, which serves the same issuer.
    expect(hub.HUB_IDP_INTERNAL_URL).toBe(`http://sandbox:${sandbox.SANDBOX_PORT}/idp`);
    const routes = readNginxRoutes();
    const issuerPath = new URL(hub.HUB_IDP_ISSUER).pathname;
    expect(routeOf(routes, `${issuerPath}/.well-known/openid-configuration`)).toEqual({ target: `sandbox:${sandbox.SANDBOX_PORT}`, path: '/idp/.well-known/openid-configuration' });
    expect(routeOf(routes, `${issuerPath}/authorize?client_id=x`)).toEqual({ target: `sandbox:${sandbox.SANDBOX_PORT}`, path: '/idp/authorize?client_id=x' });
    // Only the IdP is public: the upstream routes and the admin endpoints go to the hubs (404).
    for (const path of ['/sandbox/_stats', '/sandbox/v3/dss/quotient_familial/identite', '/graphql', '/me/callback?code=1']) {
      expect(routeOf(routes, path)).toEqual({ target: `hub:${hub.PORT}`, path });
    }
  });

  it('re-resolves the replicas in nginx (Docker DNS, variable upstreams)', () => {
    const conf = readFileSync(new URL('../../deploy/nginx.conf', import.meta.url), 'utf8').replace(/#[^\n]*/g, '');
    expect(conf).toMatch(/resolver 127\.0\.0\.11 valid=10s/);
    expect(conf).not.toMatch(/\bupstream\s+\w+\s*\{/);
    expect(conf).toMatch(/client_max_body_size 200k;/);
  });

  it('has health checks that gate the start order, and a HEALTHCHECK in the image', () => {
    for (const name of ['postgres', 'sandbox', 'hub', 'gateway']) expect(compose.services[name].healthcheck.test.length).toBeGreaterThan(1);
    expect(compose.services.hub.healthcheck.test.join(' ')).toContain('/readyz');
    expect(compose.services.gateway.depends_on.hub.condition).toBe('service_healthy');
    expect(dockerfile).toMatch(/^HEALTHCHECK .*\\\n\s+CMD \["node", "-e", ".*\/healthz/m);
  });

  it('takes its secrets from the environment, with try-out defaults', () => {
    const text = readFileSync(new URL('../../docker-compose.yml', import.meta.url), 'utf8');
    for (const name of ['HUB_SUBJECT_KEY', 'HUB_SESSION_KEY', 'HUB_KEY_ENCRYPTION_KEY', 'POSTGRES_PASSWORD']) expect(text).toContain(`\${${name}:-`);
    const given = readCompose({ HUB_SUBJECT_KEY: 'a-subject-key-from-the-shell', POSTGRES_PASSWORD: 's3cret' });
    expect(given.services.hub.environment.HUB_SUBJECT_KEY).toBe('a-subject-key-from-the-shell');
    expect(given.services.hub.environment.DATABASE_URL).toBe('postgres://hub:s3cret@postgres:5432/hub');
    expect(interpolate('$${X} ${Y:-d} ${Z}', { Z: 'z' })).toBe('${X} d z');
  });

  it('uses a configuration the hub accepts', async () => {
    const { loadConfig } = await import('@hub/gateway');
    const config = loadConfig(compose.services.hub.environment);
    expect(config.database.kind).toBe('pg');
    expect(config.sandbox.enabled).toBe(false);
    expect(config.upstreams.DGFIP.baseUrl).toBe('http://sandbox:4010');
    expect(config.idp).toEqual({ issuer: 'http://localhost:4000/sandbox/idp', clientId: 'particulier-hub', internalUrl: 'http://sandbox:4010/idp' });
  });
});
