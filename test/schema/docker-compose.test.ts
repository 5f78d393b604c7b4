import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';

// No Docker engine runs on the CI machines: the compose file's structure is checked here instead.
const compose = parse(readFileSync(new URL('../../docker-compose.yml', import.meta.url), 'utf8'));

describe('docker-compose.yml', () => {
  it('runs Postgres, the sandbox and two hub replicas behind one port', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['gateway', 'hub', 'postgres', 'sandbox']);
    expect(compose.services.hub.deploy.replicas).toBe(2);
    expect(compose.services.gateway.ports).toEqual(['4000:4000']);
    expect(compose.services.hub.ports).toBeUndefined();
  });

  it('points every replica at the shared database and the sandbox, with one subject key', () => {
    const env = compose.services.hub.environment;
    expect(env.DATABASE_URL).toMatch(/^postgres:\/\/.*@postgres:5432\//);
    expect(env.HUB_UPSTREAM_URL).toBe(`http://sandbox:${compose.services.sandbox.environment.SANDBOX_PORT}`);
    expect(env.HUB_UPSTREAM_TOKEN).toBe(compose.services.sandbox.environment.HUB_SANDBOX_TOKEN);
    expect(env.HUB_SUBJECT_KEY.length).toBeGreaterThanOrEqual(16);
    expect(compose.services.hub.depends_on.postgres.condition).toBe('service_healthy');
  });

  it('uses a configuration the hub accepts', async () => {
    const { loadConfig } = await import('@hub/gateway');
    const config = loadConfig(compose.services.hub.environment);
    expect(config.database.kind).toBe('pg');
    expect(config.upstreams.DGFIP.baseUrl).toBe('http://sandbox:4010');
  });
});
