// The prepared-operation path (graphql-js execute on cached, validated documents) must answer
// exactly as Apollo's pipeline does. Two hubs, one with the path and one without (every request
// through Apollo, the reference), receive the same requests; status, content type and body bytes
// must be equal — for successes, partial denials, upstream data, and every kind of bad request
// (which the prepared path hands to Apollo).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestHub, type TestHub } from '../support/test-hub.js';

type Side = { t: TestHub; operatorToken: string; consent: string; narrowConsent: string };

const SCOPES = 'identite_pivot,cnaf_quotient_familial,cnaf_enfants';
let prepared: Side;
let reference: Side;

async function side(disablePreparedOperations: boolean): Promise<Side> {
  const t = await startTestHub({}, { disablePreparedOperations });
  const op = await t.hub.admin.addOperator({ name: 'Mairie de Testville', siret: '21750001600019' });
  // Neither the habilitation nor the consent holds cnaf_adresse: fields behind it are denied.
  await t.hub.admin.grantHabilitation({ operator: op.id, scopes: 'identite_pivot,cnaf_quotient_familial,cnaf_enfants', purpose: 'Tarification sociale', legalBasis: 'CRPA L114-8' });
  const operatorToken = (await t.hub.admin.issueToken({ operator: op.id, ttl: '1h' })).token;
  const grant = (scopes: string) => t.hub.admin.grantConsent({ operator: op.id, scopes, purpose: 'Tarification sociale', persona: 'sophie-lambert', ttl: '1h' });
  return { t, operatorToken, consent: (await grant(SCOPES)).token, narrowConsent: (await grant('identite_pivot')).token };
}

beforeAll(async () => {
  [prepared, reference] = await Promise.all([side(false), side(true)]);
}, 60_000);
afterAll(async () => {
  await prepared?.t.close();
  await reference?.t.close();
});

type Request = { body: unknown; headers?: Record<string, string> };

/** `$CONSENT` / `$NARROW` in the body are replaced by each hub's own consent tokens. */
async function send(s: Side, request: Request) {
  const body = JSON.stringify(request.body).replaceAll('$CONSENT', s.consent).replaceAll('$NARROW', s.narrowConsent);
  const res = await fetch(`${s.t.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${s.operatorToken}`, ...request.headers },
    body,
  });
  return { status: res.status, contentType: res.headers.get('content-type'), cacheControl: res.headers.get('cache-control'), body: await res.text() };
}

const IDENTITY = 'query Q($c: String!) { person(consent: $c) { identity { birthName firstNames birthDate } } }';
const cases: [string, Request][] = [
  ['identity', { body: { query: IDENTITY, variables: { c: '$CONSENT' } } }],
  ['the same query again (cached document)', { body: { query: IDENTITY, variables: { c: '$CONSENT' } } }],
  ['upstream data and a denied field', { body: { query: 'query($c: String!) { person(consent: $c) { family { familyQuotient { value year month } address { city } children { identity { firstNames } } } } }', variables: { c: '$CONSENT' } } }],
  ['a consent that does not cover the field', { body: { query: 'query($c: String!) { person(consent: $c) { identity { birthName } family { familyQuotient { value } } } }', variables: { c: '$NARROW' } } }],
  ['an invalid consent', { body: { query: IDENTITY, variables: { c: 'not.a.token' } } }],
  ['persons, in order, with a bad entry', { body: { query: 'query($a: String!, $b: String!) { persons(consents: [$a, "garbage", $b]) { identity { birthName } } }', variables: { a: '$CONSENT', b: '$NARROW' } } }],
  ['aliases, fragments, __typename', { body: { query: 'query($c: String!) { p: person(consent: $c) { __typename ...F i2: identity { n: birthName } } } fragment F on Person { identity { birthDate } }', variables: { c: '$CONSENT' } } }],
  ['an inline consent literal', { body: { query: '{ person(consent: "$CONSENT") { identity { birthName } } }' } }],
  ['a bad argument value (month 13)', { body: { query: 'query($c: String!) { person(consent: $c) { family(year: 2024, month: 13) { familyQuotient { value } } } }', variables: { c: '$CONSENT' } } }],
  ['viewer', { body: { query: '{ viewer { name siret scopes habilitations { scopes purpose } } }' } }],
  ['introspection', { body: { query: '{ __schema { queryType { name } } __type(name: "Person") { fields { name } } }' } }],
  ['two operations, one named', { body: { query: `${IDENTITY} query R { viewer { name } }`, operationName: 'R' } }],
  ['two operations, none named', { body: { query: `${IDENTITY} query R { viewer { name } }` } }],
  ['an unknown operation name', { body: { query: IDENTITY, operationName: 'Nope', variables: { c: '$CONSENT' } } }],
  ['a missing variable', { body: { query: IDENTITY } }],
  ['a variable of the wrong type', { body: { query: IDENTITY, variables: { c: 12 } } }],
  ['variables as a string', { body: { query: IDENTITY, variables: '{"c":"x"}' } }],
  ['a syntax error', { body: { query: '{ person(consent: ) {' } }],
  ['an unknown field', { body: { query: 'query($c: String!) { person(consent: $c) { nope } }', variables: { c: '$CONSENT' } } }],
  ['too many aliases', { body: { query: `query($c: String!) { person(consent: $c) { ${Array.from({ length: 31 }, (_, i) => `a${i}: identity { birthName }`).join(' ')} } }`, variables: { c: '$CONSENT' } } }],
  ['a document over the token limit (refused while parsing)', { body: { query: `{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: __schema { types { name } }`).join(' ')} }` } }],
  ['a persisted-query extension', { body: { query: IDENTITY, variables: { c: '$CONSENT' }, extensions: { persistedQuery: { version: 1, sha256Hash: 'abc' } } } }],
  ['no query', { body: { variables: {} } }],
  ['a body that is an array', { body: [{ query: IDENTITY }] }],
  ['Accept: application/graphql-response+json', { body: { query: IDENTITY, variables: { c: '$CONSENT' } }, headers: { accept: 'application/graphql-response+json' } }],
  ['Accept: */*', { body: { query: IDENTITY, variables: { c: '$CONSENT' } }, headers: { accept: '*/*' } }],
  ['Accept: text/html only', { body: { query: IDENTITY, variables: { c: '$CONSENT' } }, headers: { accept: 'text/html' } }],
  ['a mutation', { body: { query: 'mutation { x }' } }],
  ['@include and @skip on fields and fragments', { body: { query: 'query($c: String!, $yes: Boolean!, $no: Boolean = false) { person(consent: $c) { identity @include(if: $yes) { birthName } ... @skip(if: $yes) { family { familyQuotient { value } } } ...F @include(if: $no) } } fragment F on Person { identity { birthDate } }', variables: { c: '$CONSENT', yes: true } } }],
  ['an interface list with type conditions', { body: { query: 'query($c: String!) { person(consent: $c) { households { __typename adults { birthName } ... on FamilyHousehold { familyQuotient { value } children { identity { firstNames } } } ... on TaxHousehold { taxNotice { referenceTaxIncome } } } } }', variables: { c: '$CONSENT' } } }],
  ['a variable default and an argument from a variable', { body: { query: 'query($c: String!, $y: Int = 2024, $m: Int) { person(consent: $c) { family(year: $y, month: $m) { familyQuotient { value year month } } } }', variables: { c: '$CONSENT', m: 3 } } }],
  ['the same field twice under aliases, with a nested null', { body: { query: 'query($c: String!) { a: person(consent: $c) { identity { birthName } } b: person(consent: "nope") { identity { birthName } } }', variables: { c: '$CONSENT' } } }],
];

describe('prepared operations answer exactly as Apollo', () => {
  it.each(cases)('%s', async (_label, request) => {
    const [fast, apollo] = await Promise.all([send(prepared, request), send(reference, request)]);
    expect(fast).toEqual(apollo);
  });

  it('released data through the prepared path is journaled like through Apollo', async () => {
    const count = async (s: Side) => (await s.t.hub.store.db.knex('journal_entries').count<{ n: string | number }[]>({ n: '*' }))[0]!.n;
    const before = [Number(await count(prepared)), Number(await count(reference))];
    await Promise.all([send(prepared, cases[0]![1]), send(reference, cases[0]![1])]);
    expect([Number(await count(prepared)) - before[0]!, Number(await count(reference)) - before[1]!]).toEqual([1, 1]);
  });
});
