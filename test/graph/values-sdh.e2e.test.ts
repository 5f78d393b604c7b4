import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { expect } from '../support/expect.js';
import { personas } from '@hub/sandbox';
import { IDENTITY, errorAt, startValuesHub, type ValuesHub } from './values-fixture.js';

/* Sport Data Hub (GET /v3/sdh/statut_sportif/identifiant, identifiant typed at consent): Person.highLevelAthlete equals the payload. */

const ROUTE = '/v3/sdh/statut_sportif/identifiant';
const PERIOD = 'recordNumber startDate endDate federation { code name shortName } establishment { code name } region { code name } category { code name value } isHighLevel';

let h: ValuesHub;
beforeAll(async () => {
  h = await startValuesHub();
});
afterAll(async () => h?.close());

const period = (p: any) => ({
  recordNumber: p.fiche ?? null,
  startDate: p.periode.date_debut_statut,
  endDate: p.periode.date_fin_statut,
  federation: { code: p.federation.code_federation, name: p.federation.nom_federation, shortName: p.federation.nom_court_federation },
  establishment: { code: p.etablissement.code_etablissement, name: p.etablissement.nom_etablissement },
  region: { code: p.region.code_region, name: p.region.nom_region },
  category: { code: p.categorie.code_categorie, name: p.categorie.nom_categorie, value: p.categorie.valeur },
  isHighLevel: p.sportif_de_haut_niveau,
});

const athletes = personas.filter((p) => p.identifiers.identifiantSportif);

describe('Person.highLevelAthlete', () => {
  it('has athlete personas', () => expect(athletes.length).toBeGreaterThanOrEqual(2));

  it.each(athletes.map((p) => p.id))('equals the Sport Data Hub payload for %s', async (id) => {
    const identifiant = athletes.find((p) => p.id === id)!.identifiers.identifiantSportif;
    const upstream = await h.upstream(ROUTE, { identifiant });
    expect(upstream.status).toBe(200);
    const d = upstream.body.data;
    const body = await h.person(await h.consent(id), `highLevelAthlete { identity { ${IDENTITY} } isHighLevelAthlete wasHighLevelAthlete currentStatus { ${PERIOD} } previousStatuses { ${PERIOD} } }`);
    expect(body.errors).toBeUndefined();
    expect(body.data.person.highLevelAthlete).toEqual({
      identity: {
        birthName: d.identite.nom_naissance, usageName: d.identite.nom_usage, firstNames: d.identite.prenoms.split(' '), sex: d.identite.sexe,
        birthDate: d.identite.date_naissance, birthPlaceCode: null, birthCountryCode: null,
      },
      isHighLevelAthlete: d.est_sportif_de_haut_niveau,
      wasHighLevelAthlete: d.a_ete_sportif_de_haut_niveau,
      currentStatus: period(d.informations_statut),
      previousStatuses: d.informations_statuts_precedents.map(period),
    });
  });

  it('is NOT_FOUND without an identifiant sportif in the consent (no call)', async () => {
    const body = await h.person(await h.consent('lea-mercier'), 'highLevelAthlete { isHighLevelAthlete }');
    expect(errorAt(body, ['person', 'highLevelAthlete']).extensions).toMatchObject({ code: 'NOT_FOUND', provider: 'SDH', reason: 'missing_identifier' });
  });

  it('is denied without its scope', async () => {
    const other = await h.operatorWithout('sdh_statut_sportif_est_sportif_de_haut_niveau', 'ines-guerin');
    const body = await h.person(other.consent, 'highLevelAthlete { isHighLevelAthlete }', other.token);
    expect(errorAt(body, ['person', 'highLevelAthlete', 'isHighLevelAthlete']).extensions).toMatchObject({ code: 'FORBIDDEN_SCOPE' });
  });
});
