import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { expect } from '../support/expect.js';
import { personas } from '@hub/sandbox';
import {
  ADDRESS, ALL_SCOPES, IDENTITY, errorAt, expectErrorPaths, isoFromFrench, persona, splitNames, startValuesHub, withAt, type ValuesHub,
} from './values-fixture.js';

/*
 * DGFIP (GET /api/v2/avis-imposition, flat v2 body): every field of Person.taxHousehold equals
 * the sandbox's payload for the same numéro fiscal + référence d'avis, through the documented
 * conversions (DD/MM/YYYY → ISO, space-separated prénoms → list, 4-digit year strings → Int,
 * empty strings → null, the one-line fiscal address split into lines / postal code / city).
 */

const ROUTE = '/api/v2/avis-imposition';

const DECLARANT = 'usageName birthName firstNames birthDate';
const TAX_NOTICE = `referenceTaxIncome taxShares dependents familySituation grossIncome taxableIncome
  netTaxBeforeCorrections taxAmount taxYear incomeYear correctiveNotice partialSituation collectionDate assessmentDate`;
const TAX_HOUSEHOLD = `adults { ${IDENTITY} } children { identity { birthName } } address { ${ADDRESS} }
  fiscalAddress fiscalAddressYear declarant1 { ${DECLARANT} } declarant2 { ${DECLARANT} } taxNotice { ${TAX_NOTICE} }`;
const SELECTION = `taxHousehold { ${TAX_HOUSEHOLD} }`;

type Declarant = { nom: string; nomNaissance: string; prenoms: string; dateNaissance: string };

const text = (value: string) => (value === '' ? null : value);

function expectedDeclarant(d: Declarant) {
  const mapped = { usageName: text(d.nom), birthName: text(d.nomNaissance), firstNames: splitNames(d.prenoms), birthDate: isoFromFrench(d.dateNaissance) };
  return Object.values(mapped).every((v) => v === null) ? null : mapped;
}

/** The GraphQL value the mapping documents for a DGFIP payload. */
function expectedTaxHousehold(p: any) {
  const declarants = [expectedDeclarant(p.declarant1), expectedDeclarant(p.declarant2)].filter((d) => d !== null);
  return {
    adults: declarants.map((d) => ({ ...d, sex: null, birthPlaceCode: null, birthCountryCode: null })),
    children: null,
    address: expectedAddress(p.foyerFiscal.adresse),
    fiscalAddress: p.foyerFiscal.adresse,
    fiscalAddressYear: p.foyerFiscal.annee,
    declarant1: expectedDeclarant(p.declarant1),
    declarant2: expectedDeclarant(p.declarant2),
    taxNotice: {
      referenceTaxIncome: p.revenuFiscalReference,
      taxShares: p.nombreParts,
      dependents: p.nombrePersonnesCharge,
      familySituation: p.situationFamille,
      grossIncome: p.revenuBrutGlobal,
      taxableIncome: p.revenuImposable,
      netTaxBeforeCorrections: p.impotRevenuNetAvantCorrections,
      taxAmount: p.montantImpot,
      taxYear: Number(p.anneeImpots),
      incomeYear: Number(p.anneeRevenus),
      correctiveNotice: text(p.erreurCorrectif),
      partialSituation: text(p.situationPartielle),
      collectionDate: isoFromFrench(p.dateRecouvrement),
      assessmentDate: isoFromFrench(p.dateEtablissement),
    },
  };
}

/** "12 RUE DES LILAS 69003 LYON" → lines ["12 RUE DES LILAS"], postal code "69003", city "LYON". */
function expectedAddress(adresse: string) {
  const match = /^(.+) (\d{5}) (\D+)$/.exec(adresse);
  if (!match) throw new Error('every sandbox fiscal address ends with a postal code and a city');
  return { recipient: null, lines: [match[1]], postalCode: match[2], city: match[3], country: null };
}

let h: ValuesHub;
beforeAll(async () => {
  h = await startValuesHub();
});
afterAll(async () => h?.close());

const dgfipPersonas = personas.filter((p) => p.identifiers.numeroFiscal && p.identifiers.referenceAvis);

async function upstreamOf(id: string) {
  const { numeroFiscal, referenceAvis } = persona(id).identifiers;
  const r = await h.upstream(ROUTE, { numeroFiscal, referenceAvis });
  expect(r.status).toBe(200);
  return r.body;
}

describe('DGFIP values equal the upstream payload', () => {
  it('covers the personas with DGFIP identifiers', () => {
    // Couples, a single parent, the corrective notice, the 14-character "dégrèvement" reference.
    expect(dgfipPersonas.map((p) => p.id)).toEqual(expect.arrayContaining(['julien-lambert', 'sophie-lambert', 'amina-bensalem', 'helene-caron', 'nicolas-meunier']));
  });

  it.each(dgfipPersonas.map((p) => p.id))('%s: every taxHousehold field', async (id) => {
    const payload = await upstreamOf(id);
    const body = await h.person(await h.consent(id), SELECTION);
    expect(body.errors).toBeUndefined();
    const tax = body.data.person.taxHousehold;
    expect(tax).toEqual(expectedTaxHousehold(payload));
    // Nothing lost or added by the split.
    expect([...tax.address.lines, tax.address.postalCode, tax.address.city].join(' ')).toBe(payload.foyerFiscal.adresse);
  });

  it('a couple: both declarants, dates converted from DD/MM/YYYY and prénoms split', async () => {
    const payload = await upstreamOf('julien-lambert');
    const body = await h.person(await h.consent('julien-lambert'), SELECTION);
    const tax = body.data.person.taxHousehold;
    // The conversions are exercised, not vacuous: the payload uses the French layouts.
    expect(payload.declarant2.dateNaissance).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    expect(payload.declarant2.prenoms).toContain(' ');
    expect(tax.adults).toHaveLength(2);
    expect(tax.declarant2).toEqual({
      usageName: payload.declarant2.nom,
      birthName: payload.declarant2.nomNaissance,
      firstNames: payload.declarant2.prenoms.split(' '),
      birthDate: payload.declarant2.dateNaissance.split('/').reverse().join('-'),
    });
    expect(tax.taxNotice.taxYear).toBe(Number(payload.anneeImpots));
  });

  it('without a second declarant (empty strings): declarant2 null and one adult', async () => {
    const payload = await upstreamOf('amina-bensalem');
    expect(payload.declarant2).toEqual({ nom: '', nomNaissance: '', prenoms: '', dateNaissance: '' });
    const body = await h.person(await h.consent('amina-bensalem'), SELECTION);
    expect(body.errors).toBeUndefined();
    const tax = body.data.person.taxHousehold;
    expect(tax.declarant2).toBeNull();
    expect(tax.adults).toHaveLength(1);
    expect(tax.adults[0]).toMatchObject({ birthName: payload.declarant1.nomNaissance, firstNames: splitNames(payload.declarant1.prenoms) });
    // Not taxable: DGFIP sends null amounts.
    expect(payload.montantImpot).toBeNull();
    expect(tax.taxNotice.taxAmount).toBeNull();
  });

  it('a corrective, partial-year notice passes both texts through', async () => {
    const payload = await upstreamOf('helene-caron');
    expect(payload.erreurCorrectif).not.toBe('');
    const body = await h.person(await h.consent('helene-caron'), 'taxHousehold { taxNotice { correctiveNotice partialSituation } }');
    expect(body.data.person.taxHousehold.taxNotice).toEqual({ correctiveNotice: payload.erreurCorrectif, partialSituation: payload.situationPartielle });
  });

  it('Person.households lists the same tax household', async () => {
    const payload = await upstreamOf('antoine-leclerc');
    const body = await h.person(await h.consent('antoine-leclerc'), `households { __typename ... on TaxHousehold { ${TAX_HOUSEHOLD} } }`);
    expect(body.errors).toBeUndefined();
    const taxHouseholds = body.data.person.households.filter((x: any) => x.__typename === 'TaxHousehold');
    expect(taxHouseholds).toHaveLength(1);
    const { __typename, ...tax } = taxHouseholds[0];
    expect(tax).toEqual(expectedTaxHousehold(payload));
  });
});

describe('DGFIP denials null one field only', () => {
  it('a consent without dgfip_revenu_fiscal_reference: that field alone null with CONSENT_SCOPE_MISSING', async () => {
    const payload = await upstreamOf('julien-lambert');
    const consent = await h.consent('julien-lambert', ALL_SCOPES.filter((s) => s !== 'dgfip_revenu_fiscal_reference'));
    const body = await h.person(consent, SELECTION);
    const path = ['person', 'taxHousehold', 'taxNotice', 'referenceTaxIncome'];
    expectErrorPaths(body, [path]);
    expect(errorAt(body, path).extensions).toMatchObject({ code: 'CONSENT_SCOPE_MISSING', scope: 'dgfip_revenu_fiscal_reference' });
    expect(body.data.person.taxHousehold).toEqual(withAt(expectedTaxHousehold(payload), ['taxNotice', 'referenceTaxIncome'], null));
  });

  it('a consent without one declarant2 scope: that field and the all-declarants adults null, the rest intact', async () => {
    const payload = await upstreamOf('julien-lambert');
    const consent = await h.consent('julien-lambert', ALL_SCOPES.filter((s) => s !== 'dgfip_declarant2_date_naissance'));
    const body = await h.person(consent, SELECTION);
    const birthDate = ['person', 'taxHousehold', 'declarant2', 'birthDate'];
    const adults = ['person', 'taxHousehold', 'adults'];
    expectErrorPaths(body, [birthDate, adults]);
    expect(errorAt(body, birthDate).extensions).toMatchObject({ code: 'CONSENT_SCOPE_MISSING', scope: 'dgfip_declarant2_date_naissance' });
    expect(errorAt(body, adults).extensions).toMatchObject({ code: 'CONSENT_SCOPE_MISSING' });
    let expected = withAt(expectedTaxHousehold(payload), ['declarant2', 'birthDate'], null);
    expected = withAt(expected, ['adults'], null);
    expect(body.data.person.taxHousehold).toEqual(expected);
  });

  it('a habilitation without dgfip_montant_impot: that field alone null with FORBIDDEN_SCOPE', async () => {
    const payload = await upstreamOf('antoine-leclerc');
    const other = await h.operatorWithout('dgfip_montant_impot', 'antoine-leclerc');
    const body = await h.person(other.consent, SELECTION, other.token);
    const path = ['person', 'taxHousehold', 'taxNotice', 'taxAmount'];
    expectErrorPaths(body, [path]);
    expect(errorAt(body, path).extensions).toMatchObject({ code: 'FORBIDDEN_SCOPE', scope: 'dgfip_montant_impot' });
    expect(body.data.person.taxHousehold).toEqual(withAt(expectedTaxHousehold(payload), ['taxNotice', 'taxAmount'], null));
  });
});
