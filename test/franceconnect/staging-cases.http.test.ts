// Issue 13 "Must show": every staging `france_connect` case, through person(franceConnectToken:)
// over real HTTP against the sandbox's FranceConnect emulation (check-token: JWE of a JWS).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ALL_SCOPE_NAMES } from '@hub/policy';
import { startFranceConnectWorld, stagingCases, type FranceConnectWorld } from './franceconnect-fixture.js';

let w: FranceConnectWorld;
beforeAll(async () => {
  w = await startFranceConnectWorld(ALL_SCOPE_NAMES);
});
afterAll(async () => w?.t.close());

describe.each(stagingCases())('staging case $file (token $token)', ({ token, introspection }) => {
  it('resolves the identity pivot from the claims', async () => {
    const { status, body } = await w.query(token);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const [year, month, day] = (introspection.birthdate as string).split('-');
    expect(body.data.person.identity).toEqual({
      birthName: introspection.family_name,
      usageName: introspection.preferred_username ?? null,
      firstNames: introspection.given_name_array,
      sex: introspection.gender === 'female' ? 'F' : 'M',
      birthDate: `${year}-${month}-${day}`,
      birthPlaceCode: introspection.birthcountry === '99100' ? introspection.birthplace : null,
      birthCountryCode: introspection.birthcountry,
    });
  });
});
