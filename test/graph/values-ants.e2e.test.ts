import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { expect } from '../support/expect.js';
import { errorAt, startValuesHub, type ValuesHub } from './values-fixture.js';

/*
 * ANTS (GET /v3/ants/extrait_immatriculation_vehicule/france_connect): FranceConnect mode only.
 * With a hub consent, Person.vehicle is null with NOT_FOUND franceconnect_required and no call.
 */

let h: ValuesHub;
beforeAll(async () => {
  h = await startValuesHub();
});
afterAll(async () => h?.close());

describe('Person.vehicle', () => {
  it('refuses a hub consent with a coded error, without calling the ANTS', async () => {
    const body = await h.person(await h.consent('julien-lambert'), 'vehicle(registrationNumber: "GE-412-LA") { holderStatus registration { number } }');
    expect(body.data.person.vehicle).toBeNull();
    expect(errorAt(body, ['person', 'vehicle']).extensions).toMatchObject({ code: 'NOT_FOUND', provider: 'ANTS', reason: 'franceconnect_required', retryable: false });
    const stats = await fetch(`${h.t.url}/sandbox/_stats`, { headers: { authorization: 'Bearer sandbox' } }).then((r) => r.json());
    expect(JSON.stringify(stats)).not.toContain('extrait_immatriculation_vehicule');
  });

  it('is denied without its scopes, before anything else', async () => {
    const body = await h.person(await h.consent('julien-lambert', ['identite_pivot']), 'vehicle(registrationNumber: "GE-412-LA") { holderStatus }');
    expect(body.data.person.vehicle).toBeNull();
    expect(errorAt(body, ['person', 'vehicle']).extensions).toMatchObject({ code: 'CONSENT_SCOPE_MISSING' });
  });
});
