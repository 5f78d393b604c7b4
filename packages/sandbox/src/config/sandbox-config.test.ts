import { describe, expect, it } from '@jest/globals';
import { readSandboxConfig } from './sandbox-config.js';

describe('readSandboxConfig', () => {
  it('has defaults for the embedded set-up', () => {
    expect(readSandboxConfig({})).toEqual({ port: 4010, host: '0.0.0.0', token: 'sandbox', faults: [] });
  });
  it('reads the port, token and faults', () => {
    const config = readSandboxConfig({
      SANDBOX_PORT: '5000',
      HUB_SANDBOX_TOKEN: 't0k3n',
      SANDBOX_FAULTS: '[{"route":"*","latencyMs":20}]',
    });
    expect(config).toMatchObject({ port: 5000, token: 't0k3n', faults: [{ route: '*', latencyMs: 20 }] });
  });
  it('reads the public URL the IdP issuer is built from (behind a reverse proxy)', () => {
    expect(readSandboxConfig({ SANDBOX_PUBLIC_URL: 'http://localhost:4000/sandbox/' }).publicUrl).toBe('http://localhost:4000/sandbox');
  });
  it.each([
    [{ SANDBOX_PORT: 'abc' }, /SANDBOX_PORT/],
    [{ SANDBOX_PORT: '70000' }, /SANDBOX_PORT/],
    [{ HUB_SANDBOX_TOKEN: ' ' }, /HUB_SANDBOX_TOKEN/],
    [{ SANDBOX_FAULTS: '{nope' }, /SANDBOX_FAULTS/],
    [{ SANDBOX_FAULTS: '[{"route":"*","errorRate":2}]' }, /SANDBOX_FAULTS/],
    [{ SANDBOX_PUBLIC_URL: 'localhost:4000' }, /SANDBOX_PUBLIC_URL/],
    [{ SANDBOX_PUBLIC_URL: 'http://localhost:4000/sandbox?x=1' }, /SANDBOX_PUBLIC_URL/],
  ])('names the variable of a bad value (%j)', (env, message) => {
    expect(() => readSandboxConfig(env)).toThrow(message);
  });
});
