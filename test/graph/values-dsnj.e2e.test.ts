import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { expect } from '../support/expect.js';
import { errorAt, persona, startValuesHub, type ValuesHub } from './values-fixture.js';

/* DSNJ (GET /v3/dsnj/service_national/identite with the identity pivot): Person.nationalService equals the sandbox's payload. */

const ROUTE = '/v3/dsnj/service_national/identite';
const STATUS: Record<string, string> = { en_regle: 'IN_ORDER', pas_en_regle: 'NOT_IN_ORDER', indetermine: 'UNDETERMINED', non_concerne: 'NOT_CONCERNED' };

let h: ValuesHub;
beforeAll(async () => {
  h = await startValuesHub();
});
afterAll(async () => h?.close());

function params(id: string) {
  const i = persona(id).identity;
  return {
    nomNaissance: i.nomNaissance, prenoms: i.prenoms, sexeEtatCivil: i.sexeEtatCivil,
    anneeDateNaissance: i.anneeDateNaissance, moisDateNaissance: i.moisDateNaissance, jourDateNaissance: i.jourDateNaissance,
    codeCogInseePaysNaissance: i.codeCogInseePaysNaissance, codeCogInseeCommuneNaissance: i.codeCogInseeCommuneNaissance,
  };
}

describe('Person.nationalService', () => {
  it.each(['lea-mercier', 'antoine-leclerc', 'ines-guerin', 'marcel-boyer'])('equals the DSNJ payload for %s', async (id) => {
    const upstream = await h.upstream(ROUTE, params(id));
    expect(upstream.status).toBe(200);
    const body = await h.person(await h.consent(id), 'nationalService { status comments }');
    expect(body.errors).toBeUndefined();
    expect(body.data.person.nationalService).toEqual({ status: STATUS[upstream.body.data.statut_service_national], comments: upstream.body.data.commentaires });
  });

  it('is NOT_FOUND when the DSNJ does not know the person', async () => {
    const body = await h.person(await h.consent('gaspard-nullepart'), 'nationalService { status }');
    expect(body.data.person.nationalService).toBeNull();
    expect(errorAt(body, ['person', 'nationalService']).extensions).toMatchObject({ code: 'NOT_FOUND', provider: 'DSNJ', reason: 'identity_not_matched', retryable: false });
  });

  it('is denied without its scope, by the habilitation or by the consent', async () => {
    const other = await h.operatorWithout('dsnj_statut_service_national', 'lea-mercier');
    const forbidden = await h.person(other.consent, 'nationalService { status }', other.token);
    expect(errorAt(forbidden, ['person', 'nationalService']).extensions).toMatchObject({ code: 'FORBIDDEN_SCOPE', scope: 'dsnj_statut_service_national' });
    const missing = await h.person(await h.consent('lea-mercier', ['identite_pivot']), 'nationalService { status }');
    expect(errorAt(missing, ['person', 'nationalService']).extensions).toMatchObject({ code: 'CONSENT_SCOPE_MISSING' });
  });
});
