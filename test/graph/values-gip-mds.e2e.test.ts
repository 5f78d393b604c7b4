import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { expect } from '../support/expect.js';
import { errorAt, persona, startValuesHub, type ValuesHub } from './values-fixture.js';

/* GIP-MDS (GET /v3/gip_mds/service_civique/identite: names and birth date): Person.civicService equals the sandbox's payload. */

const ROUTE = '/v3/gip_mds/service_civique/identite';
const CONTRACT = 'found hostOrganisation { siret name } startDate endDate';

let h: ValuesHub;
beforeAll(async () => {
  h = await startValuesHub();
});
afterAll(async () => h?.close());

const contract = (c: any) => ({
  found: c.contrat_trouve,
  hostOrganisation: c.organisme_accueil.siret === null ? null : { siret: c.organisme_accueil.siret, name: c.organisme_accueil.raison_sociale },
  startDate: c.date_debut_contrat,
  endDate: c.date_fin_contrat,
});

describe('Person.civicService', () => {
  it.each(['lea-mercier', 'antoine-leclerc', 'camille-renaud'])('equals the GIP-MDS payload for %s', async (id) => {
    const i = persona(id).identity;
    const upstream = await h.upstream(ROUTE, {
      nomNaissance: i.nomNaissance, prenoms: i.prenoms, anneeDateNaissance: i.anneeDateNaissance, moisDateNaissance: i.moisDateNaissance, jourDateNaissance: i.jourDateNaissance,
    });
    expect(upstream.status).toBe(200);
    const body = await h.person(await h.consent(id), `civicService { current { ${CONTRACT} } past { ${CONTRACT} } }`);
    expect(body.errors).toBeUndefined();
    expect(body.data.person.civicService).toEqual({ current: contract(upstream.body.data.statut_actuel), past: contract(upstream.body.data.statut_passe) });
  });

  it('masks the host and the dates by their own scopes, and is NOT_FOUND for an unknown person', async () => {
    const consent = await h.consent('camille-renaud', ['gip_mds_service_civique_statut_actuel']);
    const body = await h.person(consent, `civicService { current { ${CONTRACT} } }`);
    expect(body.data.person.civicService.current).toMatchObject({ found: true, hostOrganisation: null, startDate: null });
    expect(errorAt(body, ['person', 'civicService', 'current', 'startDate']).extensions).toMatchObject({ code: 'CONSENT_SCOPE_MISSING', scope: 'gip_mds_service_civique_dates' });
    const unknown = await h.person(await h.consent('gaspard-nullepart'), 'civicService { current { found } }');
    expect(errorAt(unknown, ['person', 'civicService']).extensions).toMatchObject({ code: 'NOT_FOUND', provider: 'GIP_MDS' });
  });

  it('is denied without its scopes', async () => {
    const other = await h.operatorWithout('gip_mds_service_civique_statut_passe', 'lea-mercier');
    const body = await h.person(other.consent, 'civicService { past { found } }', other.token);
    expect(errorAt(body, ['person', 'civicService', 'past']).extensions).toMatchObject({ code: 'FORBIDDEN_SCOPE', scope: 'gip_mds_service_civique_statut_passe' });
  });
});
