import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { expect } from '../support/expect.js';
import { startTestHub, type TestHub } from '../support/test-hub.js';

// Production shape: HUB_SANDBOX unset, real upstream URL configured.
let t: TestHub;
beforeAll(async () => {
  t = await startTestHub({ HUB_SANDBOX: '0', HUB_UPSTREAM_URL: 'https://staging.particulier.api.gouv.fr', HUB_UPSTREAM_TOKEN: 'not-used-here' });
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
