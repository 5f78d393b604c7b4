import { expect } from '../support/expect.js';
import { ALL_SCOPE_NAMES } from '@hub/policy';
import { personas, type Persona } from '@hub/sandbox';
import { gql, startTestHub, type TestHub } from '../support/test-hub.js';

/*
 * Shared set-up of the value-equality end-to-end tests (values-*.e2e.test.ts): one hub per file,
 * an operator whose habilitation covers the whole scope catalogue, consents for sandbox personas,
 * and a direct client of the sandbox upstreams that asks them what the hub should have asked.
 *
 * The expected upstream parameters are built here from the persona, independently of the hub's
 * sources, so a source sending wrong parameters shows up as a value mismatch or a NOT_FOUND.
 */

export const OPERATOR_SIRET = '21750001600019';
export const ALL_SCOPES: readonly string[] = ALL_SCOPE_NAMES;

export type GqlError = { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> };
export type GqlBody = { data?: any; errors?: GqlError[] };
export type Upstream = { status: number; body: any };
/** Query parameters in API Particulier's wire names; arrays are sent as repeated `name[]=`. */
export type WireParams = Record<string, string | number | string[] | undefined>;

export type ValuesHub = {
  t: TestHub;
  token: string;
  /** A consent of `persona` (id or identity JSON object) to the all-scope operator. */
  consent(subject: string | Record<string, unknown>, scopes?: readonly string[]): Promise<string>;
  /** POST a query for `person(consent: $consent)`; `selection` is the body of `person { … }`. */
  person(consent: string, selection: string, token?: string): Promise<GqlBody>;
  /** The upstream payload, straight from the sandbox, for the same route and parameters. */
  upstream(route: string, params: WireParams): Promise<Upstream>;
  /** Another operator whose habilitation lacks `missing`, with a consent of `subject` for all it holds. */
  operatorWithout(missing: string, subject: string | Record<string, unknown>): Promise<{ token: string; consent: string }>;
  close(): Promise<void>;
};

export async function startValuesHub(): Promise<ValuesHub> {
  const t = await startTestHub();
  const op = await t.hub.admin.addOperator({ name: 'Mairie de Valeurville', siret: OPERATOR_SIRET });
  await t.hub.admin.grantHabilitation({ operator: op.id, scopes: ALL_SCOPES.join(','), purpose: 'Tests de valeurs', legalBasis: 'CRPA L114-8' });
  const { token } = await t.hub.admin.issueToken({ operator: op.id, ttl: '1h' });
  let others = 0;

  const grant = async (operator: string, subject: string | Record<string, unknown>, scopes: readonly string[]) => {
    const target = typeof subject === 'string' ? { persona: subject } : { identity: JSON.stringify(subject) };
    return (await t.hub.admin.grantConsent({ operator, scopes: scopes.join(','), purpose: 'Tests de valeurs', ...target })).token;
  };

  const person = async (consent: string, selection: string, bearer = token): Promise<GqlBody> => {
    const r = await gql(t.url, bearer, `query($consent: String!) { person(consent: $consent) { ${selection} } }`, { consent });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body;
  };

  return {
    t,
    token,
    consent: (subject, scopes = ALL_SCOPES) => grant(op.id, subject, scopes),
    person,
    upstream: (route, params) => fetchUpstream(t.url, route, params),
    async operatorWithout(missing, subject) {
      // A live operator's SIRET is unique.
      const other = await t.hub.admin.addOperator({ name: `Opérateur sans ${missing}`, siret: luhnSiret(2130000000000 + ++others) });
      const scopes = ALL_SCOPES.filter((s) => s !== missing);
      await t.hub.admin.grantHabilitation({ operator: other.id, scopes: scopes.join(','), purpose: 'Tests de valeurs', legalBasis: 'CRPA L114-8' });
      const issued = await t.hub.admin.issueToken({ operator: other.id, ttl: '1h' });
      return { token: issued.token, consent: await grant(other.id, subject, scopes) };
    },
    close: () => t.close(),
  };
}

/** A 14-digit SIRET passing the Luhn check: `prefix` (13 digits) and its check digit. */
function luhnSiret(prefix: number): string {
  for (let check = 0; check <= 9; check++) {
    const siret = `${prefix}${check}`;
    const sum = [...siret].reverse().reduce((acc, d, i) => {
      const doubled = i % 2 === 1 ? Number(d) * 2 : Number(d);
      return acc + (doubled > 9 ? doubled - 9 : doubled);
    }, 0);
    if (sum % 10 === 0) return siret;
  }
  throw new Error('unreachable: one check digit always fits');
}

async function fetchUpstream(hubUrl: string, route: string, params: WireParams): Promise<Upstream> {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) query.append(`${name}[]`, item);
    else query.append(name, String(value));
  }
  query.append('recipient', OPERATOR_SIRET);
  const res = await fetch(`${hubUrl}/sandbox${route}?${query.toString()}`, { headers: { authorization: 'Bearer sandbox' } });
  return { status: res.status, body: await res.json() };
}

export function persona(id: string): Persona {
  const found = personas.find((p) => p.id === id);
  if (!found) throw new Error(`no sandbox persona ${id}`);
  return found;
}

/** The full identity pivot of API Particulier v3 (…/identite routes of CNAV). */
export function pivotParams(p: Persona): WireParams {
  const i = p.identity;
  return {
    nomNaissance: i.nomNaissance,
    nomUsage: i.nomUsage,
    prenoms: i.prenoms,
    sexeEtatCivil: i.sexeEtatCivil,
    anneeDateNaissance: i.anneeDateNaissance,
    moisDateNaissance: i.moisDateNaissance,
    jourDateNaissance: i.jourDateNaissance,
    codeCogInseePaysNaissance: i.codeCogInseePaysNaissance,
    codeCogInseeCommuneNaissance: i.codeCogInseeCommuneNaissance,
  };
}

/** The one error at `path` (e.g. ['person', 'taxHousehold', 'taxNotice', 'taxAmount']). */
export function errorAt(body: GqlBody, path: (string | number)[]): GqlError {
  const found = (body.errors ?? []).filter((e) => JSON.stringify(e.path) === JSON.stringify(path));
  expect(found, `errors at ${path.join('.')}: ${JSON.stringify(body.errors)}`).toHaveLength(1);
  return found[0]!;
}

/** Asserts the response has errors at exactly these paths (no other field failed). */
export function expectErrorPaths(body: GqlBody, paths: (string | number)[][]): void {
  const actual = (body.errors ?? []).map((e) => (e.path ?? []).join('.')).sort();
  expect(actual).toEqual(paths.map((p) => p.join('.')).sort());
}

/** A copy of `value` with the property at `path` replaced by `replacement`. */
export function withAt<T>(value: T, path: (string | number)[], replacement: unknown): T {
  const copy = structuredClone(value) as any;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key];
  node[path[path.length - 1]!] = replacement;
  return copy;
}

/** DD/MM/YYYY (DGFIP) → YYYY-MM-DD; empty → null. */
export function isoFromFrench(date: string): string | null {
  if (date === '') return null;
  const [day, month, year] = date.split('/');
  return `${year}-${month}-${day}`;
}

/** Space-separated first names ("SOPHIE MARIE") → list; empty → null. */
export function splitNames(names: string): string[] | null {
  const list = names.split(' ').filter((n) => n !== '');
  return list.length > 0 ? list : null;
}

/** Every field of base.graphql's Identity. */
export const IDENTITY = 'birthName usageName firstNames sex birthDate birthPlaceCode birthCountryCode';
/** Every field of base.graphql's Address. */
export const ADDRESS = 'recipient lines postalCode city country';

/**
 * Asserts that the upstream's "not found" reached the response as NOT_FOUND from `provider` at
 * `path`, and returns the error paths it produced. Two shapes are accepted: the field itself null
 * with one error, or — for sources whose fields each load their route lazily (MEN, MESRI, CNOUS,
 * France Travail) — an object whose every field is null, each with its own NOT_FOUND.
 */
export function expectNotFound(body: GqlBody, path: (string | number)[], provider: string): (string | number)[][] {
  let value: any = body.data;
  for (const key of path) value = value?.[key];
  if (value === null) {
    expect(errorAt(body, path).extensions).toMatchObject({ code: 'NOT_FOUND', provider });
    return [path];
  }
  expect(typeof value, `${path.join('.')}: null or an object of nulls`).toBe('object');
  const paths = Object.keys(value).map((key) => [...path, key]);
  for (const leaf of paths) {
    expect(value[leaf[leaf.length - 1] as string], leaf.join('.')).toBeNull();
    expect(errorAt(body, leaf).extensions).toMatchObject({ code: 'NOT_FOUND', provider });
  }
  return paths;
}
