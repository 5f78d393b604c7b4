import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { expect } from '../support/expect.js';
import { ADDRESS, IDENTITY, errorAt, persona, pivotParams, startValuesHub, type ValuesHub } from './values-fixture.js';

/* CNAF EAJE (GET /v3/dss/participation_familiale_eaje/identite): Person.childcare equals the payload, and is listed in households. */

const ROUTE = '/v3/dss/participation_familiale_eaje/identite';

let h: ValuesHub;
beforeAll(async () => {
  h = await startValuesHub();
});
afterAll(async () => h?.close());

const identity = (p: any) => ({
  birthName: p.nom_naissance, usageName: p.nom_usage, firstNames: p.prenoms.split(' '), sex: p.sexe,
  birthDate: p.date_naissance, birthPlaceCode: p.code_cog_insee_commune_naissance, birthCountryCode: null,
});

describe('Person.childcare', () => {
  it.each(['julien-lambert', 'olivier-brunet', 'manon-blanchard'])('equals the CNAF EAJE payload for %s', async (id) => {
    const upstream = await h.upstream(ROUTE, pivotParams(persona(id)));
    expect(upstream.status).toBe(200);
    const d = upstream.body.data;
    const body = await h.person(await h.consent(id), `childcare { adults { ${IDENTITY} } children { identity { ${IDENTITY} } } address { ${ADDRESS} }
      feeParameters { dependentChildren childrenWithAeeh annualResources annualResourcesYear } }`);
    expect(body.errors).toBeUndefined();
    const childcare = body.data.person.childcare;
    expect(childcare.adults).toEqual(d.allocataires.map(identity));
    expect(childcare.children).toEqual(d.enfants.map((c: any) => ({ identity: identity(c) })));
    expect(`${childcare.address.postalCode} ${childcare.address.city}`).toBe(d.adresse.code_postal_ville);
    expect(childcare.address.recipient).toBe(d.adresse.destinataire);
    const p = d.parametres_calcul_participation_familiale;
    expect(childcare.feeParameters).toEqual({
      dependentChildren: p.nombre_enfants_a_charge, childrenWithAeeh: p.nombre_enfants_beneficiaire_aeeh,
      annualResources: p.base_ressources_annuelles.valeur, annualResourcesYear: p.base_ressources_annuelles.annee_calcul,
    });
  });

  it('is listed in households as a ChildcareHousehold', async () => {
    const consent = await h.consent('olivier-brunet', ['eaje_parametres_calcul_participation_familiale']);
    const body = await h.person(consent, 'households { __typename ... on ChildcareHousehold { feeParameters { childrenWithAeeh } } }');
    expect(body.errors).toBeUndefined();
    expect(body.data.person.households).toEqual([{ __typename: 'ChildcareHousehold', feeParameters: { childrenWithAeeh: 1 } }]);
  });

  it('is NOT_FOUND for an MSA family, denied without its scope', async () => {
    const msa = await h.person(await h.consent('thierry-gauthier'), 'childcare { feeParameters { annualResources } }');
    expect(errorAt(msa, ['person', 'childcare']).extensions).toMatchObject({ code: 'NOT_FOUND', provider: 'CNAV' });
    const other = await h.operatorWithout('eaje_parametres_calcul_participation_familiale', 'julien-lambert');
    const body = await h.person(other.consent, 'childcare { feeParameters { annualResources } }', other.token);
    expect(errorAt(body, ['person', 'childcare', 'feeParameters']).extensions).toMatchObject({ code: 'FORBIDDEN_SCOPE' });
  });
});
