import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { expect } from '../support/expect.js';
import { startTestHub, type TestHub } from '../support/test-hub.js';

// Production shape: HUB_SANDBOX unset, real upstream URL configured.
let t: TestHub;
beforeAll(async () => {
  t = await startTestHub({
    HUB_SANDBOX: '0', HUB_UPSTREAM_URL: 'https://staging.particulier.api.gouv.fr', HUB_UPSTREAM_TOKEN: 'not-used-here',
    // Required outside sandbox mode (issue 11): no secret is a constant in the source.
    HUB_SESSION_KEY: randomBytes(32).toString('base64url'), HUB_SUBJECT_KEY: randomBytes(32).toString('base64url'), HUB_KEY_ENCRYPTION_KEY: randomBytes(32).toString('base64url'),
  });
});
afterAll(async () => t?.close());

describe('without HUB_SANDBOX', () => {
  it('has no /sandbox route at all', async () => {
    for (const path of ['/sandbox/_stats', '/sandbox/v3/dss/quotient_familial/identite', '/sandbox/idp/.well-known/openid-configuration']) {
      const res = await fetch(`${t.url}${path}`);
      expect(res.status, path).toBe(404);
    }
  });
  it('has no citizen space without an identity provider configured', async () => {
    expect((await fetch(`${t.url}/me`)).status).toBe(404);
  });
  it('refuses consent grant (sandbox only)', async () => {
    const op = await t.hub.admin.addOperator({ name: 'Mairie', siret: '21750001600019' });
    await expect(t.hub.admin.grantConsent({ operator: op.id, scopes: 'identite_pivot', purpose: 'x', persona: 'sophie-lambert' })).rejects.toThrow(/sandbox mode only/);
  });
});

describe('SANDBOX_FAULTS configures the in-process sandbox', () => {
  it('applies the configured faults from start-up, and refuses a bad value naming the variable', async () => {
    const { loadConfig } = await import('@hub/gateway');
    expect(() => loadConfig({ HUB_SANDBOX: '1', SANDBOX_FAULTS: '{not json' })).toThrow(/SANDBOX_FAULTS/);
    const faulty = await startTestHub({ SANDBOX_FAULTS: JSON.stringify([{ route: '/v3/dss/quotient_familial/identite', status: 503, errorRate: 1 }]) });
    try {
      const res = await fetch(`${faulty.url}/sandbox/v3/dss/quotient_familial/identite?recipient=21750001600019&nomNaissance=X&prenoms[]=Y&sexeEtatCivil=F&anneeDateNaissance=1980&codeCogInseePaysNaissance=99100&codeCogInseeCommuneNaissance=75056`, { headers: { authorization: 'Bearer sandbox' } });
      expect(res.status).toBe(503);
    } finally {
      await faulty.close();
    }
  });
});

describe('sandbox exposures (issue 11)', () => {
  let sandbox: TestHub;
  beforeAll(async () => {
    sandbox = await startTestHub();
  });
  afterAll(async () => sandbox?.close());

  it('answers /sandbox/_stats and /sandbox/_faults to the sandbox token only', async () => {
    for (const [method, path] of [['GET', '/sandbox/_stats'], ['POST', '/sandbox/_stats/reset'], ['GET', '/sandbox/_faults'], ['DELETE', '/sandbox/_faults']] as const) {
      expect((await fetch(`${sandbox.url}${path}`, { method })).status, `${method} ${path}`).toBe(401);
      expect((await fetch(`${sandbox.url}${path}`, { method, headers: { authorization: 'Bearer wrong' } })).status, `${method} ${path}`).toBe(401);
      expect((await fetch(`${sandbox.url}${path}`, { method, headers: { authorization: 'Bearer sandbox' } })).status, `${method} ${path}`).toBe(200);
    }
  });

  it('lets the sandbox IdP redirect only to the hub callbacks it registered', async () => {
    const authorize = (redirectUri: string) => fetch(`${sandbox.url}/sandbox/idp/authorize?${new URLSearchParams({ client_id: 'particulier-hub', redirect_uri: redirectUri, response_type: 'code', scope: 'openid' })}`);
    expect((await authorize('https://attacker.example/cb')).status).toBe(400);
    expect((await authorize(`${sandbox.url}/me/callback`)).status).toBe(200);
    expect((await authorize(`${sandbox.url}/consent/callback`)).status).toBe(200);
    const logout = (target: string) => fetch(`${sandbox.url}/sandbox/idp/logout?${new URLSearchParams({ post_logout_redirect_uri: target })}`, { redirect: 'manual' });
    expect((await logout('https://attacker.example/')).status).toBe(200); // the confirmation page, no redirect
    const home = await logout(`${sandbox.url}/me`);
    expect(home.status).toBe(302);
  });
});
