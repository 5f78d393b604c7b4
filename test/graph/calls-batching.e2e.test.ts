// Issue 4 "Must show", upstream call economy: per-request de-duplication (DataLoader keyed by route +
// parameters), one call per distinct subject under `persons`, and no call for denied fields. Counted
// by the sandbox's own call statistics, over real HTTP, reset before each case.
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';
import { expect } from '../support/expect.js';
import { ALL_SCOPE_NAMES, SCOPE_CATALOGUE } from '@hub/policy';
import { personas } from '@hub/sandbox';
import { startTestHub, gql, type TestHub } from '../support/test-hub.js';

type CallCount = { route: string; params: Record<string, string | string[]>; count: number };

const DGFIP_ROUTE = '/api/v2/avis-imposition';
const CNAF_ROUTE = '/v3/dss/quotient_familial/identite';
const FT_STATUT = '/v3/france_travail/statut/identifiant';
const FT_INDEMNITES = '/v3/france_travail/indemnites/identifiant';
const MEN_ROUTE = '/v4/men/scolarites/identite';

let t: TestHub;
let operatorId: string;
let token: string;

const scopesOf = (...sources: string[]) => SCOPE_CATALOGUE.filter((s) => sources.includes(s.source)).map((s) => s.name).join(',');

function persona(id: string) {
  const p = personas.find((x) => x.id === id);
  if (!p) throw new Error(`no persona ${id}`);
  return p;
}

async function calls(): Promise<CallCount[]> {
  const res = await fetch(`${t.url}/sandbox/_stats`, { headers: { authorization: 'Bearer sandbox' } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { calls: CallCount[] }).calls;
}

const callsTo = (all: CallCount[], route: string) => all.filter((c) => c.route === route);
const totalCount = (all: CallCount[]) => all.reduce((n, c) => n + c.count, 0);

/** Leaves of a JSON value that are neither null nor containers. */
function nonNullLeaves(value: unknown): number {
  if (value === null || value === undefined) return 0;
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + nonNullLeaves(v), 0);
  if (typeof value === 'object') return Object.values(value).reduce((n: number, v) => n + nonNullLeaves(v), 0);
  return 1;
}

async function consent(scopes: string, subject: { persona: string } | { identity: Record<string, unknown> }, operator = operatorId) {
  return t.hub.admin.grantConsent({
    operator, scopes, purpose: 'Tarification sociale',
    ...('persona' in subject ? { persona: subject.persona } : { identity: JSON.stringify(subject.identity) }),
  });
}

beforeAll(async () => {
  // 45 distinct subjects × 2 routes = 90 estimated calls: over the default HUB_MAX_UPSTREAM_CALLS (50).
  t = await startTestHub({ HUB_MAX_UPSTREAM_CALLS: '200' });
  const op = await t.hub.admin.addOperator({ name: 'Mairie de Testville', siret: '21750001600019' });
  operatorId = op.id;
  await t.hub.admin.grantHabilitation({ operator: op.id, scopes: ALL_SCOPE_NAMES.join(','), purpose: 'Tarification sociale', legalBasis: 'CRPA L114-8' });
  token = (await t.hub.admin.issueToken({ operator: op.id, ttl: '1h' })).token;
});
afterAll(async () => t?.close());

beforeEach(async () => {
  expect((await fetch(`${t.url}/sandbox/_faults`, { method: 'DELETE', headers: { authorization: 'Bearer sandbox' } })).status).toBe(200);
  expect((await fetch(`${t.url}/sandbox/_stats/reset`, { method: 'POST', headers: { authorization: 'Bearer sandbox' } })).status).toBe(200);
  expect(await calls()).toEqual([]);
});

// 24 DGFIP fields (every field of the flat body), the declarants again as identities, the household
// list, and an alias of the same field: all answered by one call of the one route.
const TAX_HOUSEHOLD = `
  fiscalAddress fiscalAddressYear
  address { lines postalCode city }
  declarant1 { usageName birthName firstNames birthDate }
  declarant2 { usageName birthName firstNames birthDate }
  adults { birthName firstNames birthDate }
  taxNotice {
    referenceTaxIncome taxShares dependents familySituation grossIncome taxableIncome
    netTaxBeforeCorrections taxAmount taxYear incomeYear correctiveNotice partialSituation
    collectionDate assessmentDate
  }`;

describe('one route, many fields', () => {
  it('answers 20+ DGFIP fields, an alias and the household list with one call of the DGFIP route', async () => {
    const sophie = persona('sophie-lambert');
    const c = await consent(scopesOf('DGFIP'), { persona: sophie.id });
    const r = await gql(t.url, token, `query($c: String!) { person(consent: $c) {
      taxHousehold { ${TAX_HOUSEHOLD} }
      again: taxHousehold { taxNotice { referenceTaxIncome taxYear } declarant1 { birthName } }
      households { __typename ... on TaxHousehold { fiscalAddress taxNotice { referenceTaxIncome } } }
    } }`, { c: c.token });
    expect(r.status).toBe(200);
    expect(r.body.errors).toBeUndefined();
    const tax = r.body.data.person.taxHousehold;
    expect(nonNullLeaves(tax)).toBeGreaterThanOrEqual(20);
    expect(tax.declarant2).not.toBeNull();
    expect(r.body.data.person.again.taxNotice.referenceTaxIncome).toBe(tax.taxNotice.referenceTaxIncome);
    // The consent covers no CNAF scope: the household list holds the tax household alone.
    expect(r.body.data.person.households).toEqual([{ __typename: 'TaxHousehold', fiscalAddress: tax.fiscalAddress, taxNotice: { referenceTaxIncome: tax.taxNotice.referenceTaxIncome } }]);

    expect(await calls()).toEqual([
      { route: DGFIP_ROUTE, params: { numeroFiscal: sophie.identifiers.numeroFiscal, referenceAvis: sophie.identifiers.referenceAvis }, count: 1 },
    ]);
  });

  it('calls each route once when two root fields name the same consent', async () => {
    const marc = persona('marc-chevalier');
    const c = await consent(scopesOf('DGFIP', 'FRANCE_TRAVAIL'), { persona: marc.id });
    const fields = `taxHousehold { taxNotice { referenceTaxIncome taxShares taxYear } }
      jobSeeker { identifier civility identity { birthName firstNames birthDate } contact { email phone }
        address { street postalCode locality } registration { startDate category { code label } } payments { date totalAmount } }`;
    const r = await gql(t.url, token, `query($c: String!) { a: person(consent: $c) { ${fields} } b: person(consent: $c) { ${fields} } }`, { c: c.token });
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data.a).toEqual(r.body.data.b);
    expect(r.body.data.a.jobSeeker.identifier).toBe(marc.identifiers.identifiantFranceTravail);
    expect(r.body.data.a.jobSeeker.payments.length).toBeGreaterThan(0);

    const all = await calls();
    expect(all.map((x) => [x.route, x.count]).sort()).toEqual([[DGFIP_ROUTE, 1], [FT_INDEMNITES, 1], [FT_STATUT, 1]].sort());
  });
});

describe('persons: one call per distinct subject', () => {
  it('with 50 consents of which 10 are duplicates, calls each route once per distinct subject and answers one entry per token, in order', async () => {
    const scopes = 'identite_pivot,cnaf_quotient_familial,dgfip_revenu_fiscal_reference';
    type Subject = { nomNaissance: string; numeroFiscal?: string; referenceAvis?: string };
    const subjects: Subject[] = [];
    const tokens: { token: string; subject: Subject; persona?: string }[] = [];

    // 40 distinct subjects: every persona (26 at the time of writing), then synthetic citizens
    // unknown to the sources (their calls are still made, and answered 404).
    for (const p of personas.slice(0, 40)) {
      const subject = { nomNaissance: p.identity.nomNaissance, ...p.identifiers };
      subjects.push(subject);
      tokens.push({ token: (await consent(scopes, { persona: p.id })).token, subject, persona: p.id });
    }
    for (let i = subjects.length; i < 40; i++) {
      const identity = {
        nomNaissance: `ESSAI${String.fromCharCode(65 + i - personas.length)}`, prenoms: ['CLAIRE'], sexeEtatCivil: 'F',
        anneeDateNaissance: 1990, moisDateNaissance: 1 + (i % 12), jourDateNaissance: 1 + (i % 28),
        codeCogInseePaysNaissance: '99100', codeCogInseeCommuneNaissance: '75056',
      };
      const subject = { nomNaissance: identity.nomNaissance };
      subjects.push(subject);
      tokens.push({ token: (await consent(scopes, { identity })).token, subject });
    }
    expect(subjects).toHaveLength(40);

    // 10 duplicates: 5 tokens given twice, and 5 second consents of an already present persona.
    const withDuplicates = [...tokens];
    for (let k = 0; k < 5; k++) withDuplicates.splice(3 + k * 9, 0, tokens[k * 7]!);
    for (let k = 0; k < 5; k++) {
      const entry = tokens[1 + k * 4]!;
      withDuplicates.push({ token: (await consent(scopes, { persona: entry.persona! })).token, subject: entry.subject });
    }
    expect(withDuplicates).toHaveLength(50);
    expect(new Set(withDuplicates.map((x) => x.token)).size).toBe(45);

    await fetch(`${t.url}/sandbox/_stats/reset`, { method: 'POST', headers: { authorization: 'Bearer sandbox' } });
    const r = await gql(t.url, token, `query($cs: [String!]!) { persons(consents: $cs) {
      identity { birthName }
      family { familyQuotient { value } }
      taxHousehold { taxNotice { referenceTaxIncome } }
    } }`, { cs: withDuplicates.map((x) => x.token) });
    expect(r.status).toBe(200);

    const entries = r.body.data.persons as { identity: { birthName: string } }[];
    expect(entries).toHaveLength(50);
    expect(entries.map((e) => e?.identity.birthName)).toEqual(withDuplicates.map((x) => x.subject.nomNaissance));
    // Only "no such record" answers: no consent was refused, no upstream failed.
    for (const e of r.body.errors ?? []) expect(e.extensions?.code).toBe('NOT_FOUND');

    const all = await calls();
    // The identity pivot is answered by the hub itself: CNAF and DGFIP only.
    expect(new Set(all.map((c) => c.route))).toEqual(new Set([CNAF_ROUTE, DGFIP_ROUTE]));
    for (const c of all) expect(c.count, `${c.route} called more than once with the same parameters`).toBe(1);

    const cnaf = callsTo(all, CNAF_ROUTE);
    expect(cnaf).toHaveLength(40);
    expect(cnaf.map((c) => c.params.nomNaissance).sort()).toEqual(subjects.map((s) => s.nomNaissance).sort());

    const withNotice = subjects.filter((s) => s.numeroFiscal && s.referenceAvis);
    expect(withNotice.length).toBeGreaterThan(10);
    expect(callsTo(all, DGFIP_ROUTE).map((c) => `${c.params.numeroFiscal}/${c.params.referenceAvis}`).sort())
      .toEqual(withNotice.map((s) => `${s.numeroFiscal}/${s.referenceAvis}`).sort());
  });

  it('refuses 101 consents with QUERY_TOO_COMPLEX before any upstream call', async () => {
    const c = await consent('identite_pivot,cnaf_quotient_familial,dgfip_revenu_fiscal_reference', { persona: 'sophie-lambert' });
    const r = await gql(t.url, token, 'query($cs: [String!]!) { persons(consents: $cs) { identity { birthName } family { familyQuotient { value } } } }', {
      cs: Array.from({ length: 101 }, () => c.token),
    });
    expect(r.body.data?.persons ?? null).toBeNull();
    expect(r.body.errors).toHaveLength(1);
    expect(r.body.errors![0]!.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX' });
    expect(await calls()).toEqual([]);

    // 100 is still accepted (the limit is inclusive).
    const ok = await gql(t.url, token, 'query($cs: [String!]!) { persons(consents: $cs) { identity { birthName } } }', {
      cs: Array.from({ length: 100 }, () => c.token),
    });
    expect(ok.body.errors).toBeUndefined();
    expect(ok.body.data.persons).toHaveLength(100);
  });

  it('nulls only the entry of an invalid token, with CONSENT_INVALID at its index', async () => {
    const scopes = 'identite_pivot,dgfip_revenu_fiscal_reference';
    const sophie = await consent(scopes, { persona: 'sophie-lambert' });
    const marc = await consent(scopes, { persona: 'marc-chevalier' });
    const r = await gql(t.url, token, 'query($cs: [String!]!) { persons(consents: $cs) { identity { birthName } taxHousehold { taxNotice { referenceTaxIncome } } } }', {
      cs: [sophie.token, 'not-a-consent-token', marc.token],
    });
    expect(r.status).toBe(200);
    const [first, second, third] = r.body.data.persons;
    expect(first.identity.birthName).toBe('FONTAINE');
    expect(first.taxHousehold.taxNotice.referenceTaxIncome).toEqual(expect.any(Number));
    expect(second).toBeNull();
    expect(third.identity.birthName).toBe('CHEVALIER');
    expect(third.taxHousehold.taxNotice.referenceTaxIncome).toEqual(expect.any(Number));
    expect(r.body.errors).toHaveLength(1);
    expect(r.body.errors![0]!.path).toEqual(['persons', 1]);
    expect(r.body.errors![0]!.extensions).toEqual({ code: 'CONSENT_INVALID', reason: 'malformed' });
    expect(callsTo(await calls(), DGFIP_ROUTE)).toHaveLength(2);
  });
});

describe('denied fields cause no upstream call', () => {
  const EVERY_SOURCE = `query($c: String!) { person(consent: $c) {
    taxHousehold { taxNotice { referenceTaxIncome } declarant1 { birthName } }
    family { familyQuotient { value } children { identity { firstNames } schooling(schoolYear: "2025", level: PRIMARY, departmentCodes: ["069"]) { isEnrolled } } }
    households { __typename }
    socialBenefits { __typename }
    jobSeeker { identifier payments { date } }
    student { identity { birthName } admissions { startDate } }
    scholarship { isScholarshipHolder email }
    schooling(schoolYear: "2025", level: SECONDARY, departmentCodes: ["069"]) { isEnrolled }
  } }`;
  const DENIED_ROOTS = ['taxHousehold', 'family', 'socialBenefits', 'jobSeeker', 'student', 'scholarship', 'schooling'];

  function expectAllDenied(r: Awaited<ReturnType<typeof gql>>, code: string) {
    expect(r.status).toBe(200);
    const person = r.body.data.person;
    for (const f of DENIED_ROOTS) expect(person[f], f).toBeNull();
    expect(person.households).toEqual([]);
    const denied = (r.body.errors ?? []).map((e) => [e.path!.join('.'), e.extensions!.code]).sort();
    expect(denied).toEqual(DENIED_ROOTS.map((f) => [`person.${f}`, code]).sort());
  }

  it('makes zero calls when the habilitation covers none of the requested fields (FORBIDDEN_SCOPE)', async () => {
    const op = await t.hub.admin.addOperator({ name: 'Bibliothèque municipale', siret: '21130055300016' });
    await t.hub.admin.grantHabilitation({ operator: op.id, scopes: 'identite_pivot', purpose: 'Inscription', legalBasis: 'Règlement intérieur' });
    const narrowToken = (await t.hub.admin.issueToken({ operator: op.id, ttl: '1h' })).token;
    const c = await consent('identite_pivot', { persona: 'sophie-lambert' }, op.id);
    const r = await gql(t.url, narrowToken, EVERY_SOURCE, { c: c.token });
    expectAllDenied(r, 'FORBIDDEN_SCOPE');
    expect(await calls()).toEqual([]);
  });

  it('makes zero calls when the consent covers none of the requested fields (CONSENT_SCOPE_MISSING)', async () => {
    const c = await consent('identite_pivot', { persona: 'sophie-lambert' });
    const r = await gql(t.url, token, EVERY_SOURCE, { c: c.token });
    expectAllDenied(r, 'CONSENT_SCOPE_MISSING');
    expect(await calls()).toEqual([]);
  });

  it('calls only the route of the allowed field (payments without status, family without schooling)', async () => {
    const marc = await consent('pole_emploi_paiements', { persona: 'marc-chevalier' });
    const r1 = await gql(t.url, token, 'query($c: String!) { person(consent: $c) { jobSeeker { identifier registration { startDate } payments { date totalAmount } } } }', { c: marc.token });
    expect(r1.body.data.person.jobSeeker.payments.length).toBeGreaterThan(0);
    expect(r1.body.data.person.jobSeeker.identifier).toBeNull();
    expect(r1.body.data.person.jobSeeker.registration).toBeNull();
    expect((r1.body.errors ?? []).map((e) => e.extensions!.code)).toEqual(['CONSENT_SCOPE_MISSING', 'CONSENT_SCOPE_MISSING']);
    expect((await calls()).map((c) => c.route)).toEqual([FT_INDEMNITES]);

    await fetch(`${t.url}/sandbox/_stats/reset`, { method: 'POST', headers: { authorization: 'Bearer sandbox' } });
    const sophie = await consent('cnaf_quotient_familial,cnaf_enfants', { persona: 'sophie-lambert' });
    const r2 = await gql(t.url, token, 'query($c: String!) { person(consent: $c) { family { familyQuotient { value } children { identity { firstNames } schooling(schoolYear: "2025", level: PRIMARY, departmentCodes: ["069"]) { isEnrolled } } } } }', { c: sophie.token });
    const children = r2.body.data.person.family.children as { schooling: unknown }[];
    expect(children.length).toBeGreaterThan(0);
    for (const child of children) expect(child.schooling).toBeNull();
    expect((r2.body.errors ?? []).every((e) => e.extensions!.code === 'CONSENT_SCOPE_MISSING')).toBe(true);
    const all = await calls();
    expect(all.map((c) => c.route)).toEqual([CNAF_ROUTE]);
    expect(callsTo(all, MEN_ROUTE)).toEqual([]);
    expect(totalCount(all)).toBe(1);
  });
});
