// Issue 13: the sandbox IdP's scope page. The citizen unticks a data scope; the access token
// carries exactly the ticked ones, and the check-token emulation resolves it so: the hub releases
// those and nothing else.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ALL_SCOPE_NAMES } from '@hub/policy';
import { idpFranceConnectToken, startFranceConnectWorld, type FranceConnectWorld } from './franceconnect-fixture.js';

let w: FranceConnectWorld;
beforeAll(async () => {
  w = await startFranceConnectWorld(ALL_SCOPE_NAMES);
});
afterAll(async () => w?.t.close());

describe('the sandbox IdP scope page', () => {
  it('issues a token with exactly the ticked data scopes, which check-token resolves', async () => {
    const asked = 'openid identite_pivot cnaf_quotient_familial complementaire_sante_solidaire';
    const token = await idpFranceConnectToken(w.t.url, { persona: 'sophie-lambert' }, asked, (s) => s !== 'complementaire_sante_solidaire');
    const userinfo = await fetch(`${w.t.url}/sandbox/idp/userinfo`, { headers: { authorization: `Bearer ${token}` } });
    expect(userinfo.status).toBe(200);
    await w.resetCalls();
    const { body } = await w.query(token, 'family { familyQuotient { value } } socialBenefits { supplementaryHealthCoverage { isBeneficiary } }');
    expect(body.data.person.family.familyQuotient.value).toBe(780);
    expect(body.data.person.socialBenefits).toBeNull();
    expect(body.errors).toEqual([expect.objectContaining({ path: ['person', 'socialBenefits'], extensions: expect.objectContaining({ code: 'CONSENT_SCOPE_MISSING' }) })]);
    expect((await w.calls()).map((c) => c.route).filter((r) => r.includes('complementaire_sante_solidaire'))).toEqual([]);
  });

  it('all ticked by default: the token carries every data scope asked for', async () => {
    const token = await idpFranceConnectToken(w.t.url, { persona: 'sophie-lambert' }, 'openid identite_pivot cnaf_quotient_familial complementaire_sante_solidaire');
    const { body } = await w.query(token, 'family { familyQuotient { value } } socialBenefits { supplementaryHealthCoverage { isBeneficiary } }');
    expect(body.errors).toBeUndefined();
  });

  it('without data scopes there is no scope page (the citizen space and consent logins)', async () => {
    const res = await fetch(`${w.t.url}/sandbox/idp/authorize`, {
      method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ response_type: 'code', client_id: 'x', redirect_uri: `${w.t.url}/me/callback`, scope: 'openid given_name family_name', persona: 'sophie-lambert' }).toString(),
    });
    expect(res.status).toBe(302);
  });
});
