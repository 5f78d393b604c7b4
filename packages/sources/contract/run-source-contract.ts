// Test support only (imported by *.contract.http.test.ts files): the one contract every source
// passes, driven by its recipe and its staging cases (docs/contract.md#source-contract).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { getDirective, MapperKind, mapSchema } from '@graphql-tools/utils';
import type { GraphQLSchema } from 'graphql';
import { parse } from 'yaml';
import { UPSTREAM_REASONS, type PersonParent, type RequestScope, type SubjectIdentity, type UpstreamCallRecord } from '@hub/core';
import { loadValidators, type ResponseValidator } from '../../sandbox/test/openapi-validators.js';
import { startStagingUpstreamServer, type StagingUpstreamServer } from '../fixtures/staging-upstream-server.js';
import { createRecipeClient, createRecipeSource, householdResolvers, recipeResolvers, type AnySourceRecipe } from '../recipe/index.js';

const { graphql } = createRequire(import.meta.url)('graphql') as typeof import('graphql');

/** The full corpus beside the repository when there (CI has it), else the vendored copy. */
const SHARED = fileURLToPath(new URL('../../../../shared/upstream/siade_staging_data/payloads/', import.meta.url));
const VENDORED = fileURLToPath(new URL('../fixtures/siade-staging/', import.meta.url));
export const CORPUS = existsSync(SHARED) ? SHARED : VENDORED;
const SCHEMA_DIR = fileURLToPath(new URL('../../../schema/', import.meta.url));

export type StagingCase = { file: string; params: Record<string, unknown>; status: number; body: unknown };

/** Every case of a corpus folder (empty when the folder is absent). */
export function casesOf(folder: string): StagingCase[] {
  if (!existsSync(CORPUS + folder)) return [];
  return readdirSync(CORPUS + folder).filter((f) => /\.ya?ml$/.test(f)).sort().map((file) => {
    const raw = parse(readFileSync(`${CORPUS}${folder}/${file}`, 'utf8')) as { params?: Record<string, unknown>; status: number; payload: string };
    let body: unknown;
    try { body = JSON.parse(raw.payload); } catch { body = raw.payload; }
    return { file: `${folder}/${file}`, params: raw.params ?? {}, status: raw.status, body };
  });
}

/** A subject whose identity pivot comes from a case's parameters (missing parts filled so the plan reaches the route). */
export function subjectFromParams(params: Record<string, unknown>, extra: Partial<SubjectIdentity> = {}): PersonParent {
  const num = (v: unknown, d: number) => (v === undefined || v === null || Number.isNaN(Number(v)) ? d : Number(v));
  const prenoms = Array.isArray(params.prenoms) ? params.prenoms.map(String) : typeof params.prenoms === 'string' ? [params.prenoms] : ['JEAN'];
  const commune = params.codeCogInseeCommuneNaissance === undefined ? undefined : String(params.codeCogInseeCommuneNaissance);
  return {
    consentId: 'contract',
    subject: {
      nomNaissance: String(params.nomNaissance ?? 'DUPONT'),
      ...(params.nomUsage !== undefined ? { nomUsage: String(params.nomUsage) } : {}),
      prenoms: prenoms.length > 0 ? prenoms : ['JEAN'],
      sexeEtatCivil: params.sexeEtatCivil === 'F' ? 'F' : 'M',
      anneeDateNaissance: num(params.anneeDateNaissance, 1990),
      moisDateNaissance: num(params.moisDateNaissance, 1),
      jourDateNaissance: num(params.jourDateNaissance, 1),
      codeCogInseePaysNaissance: params.codeCogInseePaysNaissance === undefined ? '99100' : String(params.codeCogInseePaysNaissance),
      ...(commune ? { codeCogInseeCommuneNaissance: commune } : {}),
      ...extra,
    },
  };
}

/** One route of a source under contract: its corpus folders, how a case becomes a query, and what the graph must then hold. */
export type RouteContract = {
  folders: readonly string[];
  /** The parent `Query.person` hands out for a case (its parameters as the subject). */
  subject(params: Record<string, unknown>): PersonParent;
  /** The selection under `person` (e.g. `scholarship { email }`), from the case's parameters (arguments such as a school year). */
  query(params: Record<string, unknown>): string;
  /** Where the source's value is in `data`. */
  pick(data: Record<string, unknown>): unknown;
  /** The graph value a 200 payload's `data` must give, written from the payload, not from the mapper (`body`: the whole payload, for a `meta` block). */
  expected(data: Record<string, unknown>, body: unknown): unknown;
};

export type SourceContract = {
  recipe: AnySourceRecipe;
  /** Other SDL files the source's file needs (e.g. a household interface). */
  schemaFiles?: readonly string[];
  routes: Readonly<Record<string, RouteContract>>;
};

type Harness = { upstream: StagingUpstreamServer; calls: UpstreamCallRecord[]; run(doc: string, parent: PersonParent, denied?: ReadonlySet<string> | 'all'): Promise<{ data: Record<string, unknown> | null; errors: readonly { originalError?: unknown; path?: readonly (string | number)[] }[] }> };

/**
 * The contract, for one recipe:
 *
 * 1. every staging case of each route it calls: a 200 gives the graph the payload's values
 *    (`expected`, tolerant of impossible dates and missing blocks); an error becomes its coded
 *    error with the provider, the upstream code, a `reason` from the closed list and its `retryable`;
 *    the call's bearer is the source's token, or the citizen's FranceConnect token on a route that
 *    forwards it (`bearerParam`, never sent as a query parameter);
 * 2. every case's payload validates against the route's OpenAPI response schema (what the sandbox
 *    answers, since it replays these cases exactly);
 * 3. one call per (route, parameters) per request, however often the fields are asked;
 * 4. denied scopes cause no call: with every `@policy` field of the source denied (their resolvers
 *    never run, as under the gateway's directive) nothing is called, and with any one scope denied
 *    no route is called more than once.
 */
export function runSourceContract(contract: SourceContract): void {
  const { recipe } = contract;
  const routeNames = Object.keys(contract.routes);
  let h: Harness;
  let validators: Map<string, ResponseValidator>;
  const scopes = new Set<string>();

  beforeAll(async () => {
    const upstream = await startStagingUpstreamServer({});
    const calls: UpstreamCallRecord[] = [];
    const typeDefs = ['base.graphql', 'directives.graphql', ...(contract.schemaFiles ?? []), recipe.schema].map((f) => readFileSync(SCHEMA_DIR + f, 'utf8'));
    const base = makeExecutableSchema({ typeDefs, resolvers: [recipeResolvers(recipe), householdResolvers([recipe]), { Query: { person: (_: unknown, _a: unknown, ctx: { parent: PersonParent }) => ctx.parent } }] as never });
    const policyOf = (schema: GraphQLSchema, field: Parameters<typeof getDirective>[1]) => getDirective(schema, field, 'policy')?.[0] as { scope?: string; anyOf?: string[]; inherit?: boolean } | undefined;
    // The gateway's directive, reduced to what the contract needs: a denied field's resolver never runs.
    const protectedSchema = mapSchema(base, {
      [MapperKind.OBJECT_FIELD]: (config, fieldName, typeName) => {
        if (typeName === 'Query') return config;
        const policy = policyOf(base, config);
        const own = policy?.scope ? [policy.scope] : policy?.anyOf ?? [];
        own.forEach((s) => scopes.add(s));
        if (own.length === 0) return config;
        const resolve = config.resolve;
        return {
          ...config,
          resolve: (src, args, ctx: { denied?: ReadonlySet<string> | 'all' }, info) => {
            if (ctx.denied === 'all' || (ctx.denied && own.every((s) => ctx.denied !== 'all' && (ctx.denied as ReadonlySet<string>).has(s)))) return null;
            return resolve ? resolve(src, args, ctx, info) : (src as Record<string, unknown>)[fieldName];
          },
        };
      },
    });
    const source = createRecipeSource(recipe, createRecipeClient(recipe, { baseUrl: upstream.baseUrl, token: 't', timeoutMs: 2_000, maxConcurrent: 8 }, { retryBaseDelayMs: 1 }));
    h = {
      upstream,
      calls,
      async run(doc, parent, denied) {
        const scope: RequestScope = { requestId: 'contract', recipient: '13002526500013', onUpstreamCall: (c) => calls.push(c) };
        const result = await graphql({ schema: protectedSchema, source: doc, contextValue: { parent, denied, loaders: { [recipe.name]: source.createLoaders(scope) } } });
        return { data: (result.data ?? null) as Record<string, unknown> | null, errors: result.errors ?? [] };
      },
    };
    const specPaths = routeNames.flatMap((name) => contract.routes[name]!.folders.map((folder) => specPathOf(recipe.routes[name]!.path as string, folder)));
    validators = await loadValidators([...new Set(specPaths)]);
  });
  afterAll(() => h?.upstream.close());

  const reset = () => { h.upstream.reset(); h.calls.length = 0; };

  for (const name of routeNames) {
    const route = contract.routes[name]!;
    const cases = route.folders.flatMap(casesOf);
    describe(`${recipe.name} ${name}: ${cases.length} staging cases`, () => {
      it('has cases', () => expect(cases.length).toBeGreaterThan(0));
      it.each(cases.map((c) => [c.file, c] as const))('%s', async (_file, staged) => {
        const path = recipe.routes[name]!.path as string;
        reset();
        h.upstream.override(path, { status: staged.status, body: staged.body });
        const parent = route.subject(staged.params);
        const result = await h.run(`{ person { ${route.query(staged.params)} } }`, parent);
        expect(h.calls.map((c) => c.route).every((r) => r === path)).toBe(true);
        // A FranceConnect-only route forwards the citizen's token as the bearer, never as a parameter.
        const bearerParam = recipe.routes[name]!.bearerParam as string | undefined;
        for (const call of h.upstream.calls) {
          expect(call.authorization).toBe(`Bearer ${bearerParam !== undefined ? parent.franceConnectToken : 't'}`);
          if (bearerParam !== undefined) expect(call.query.has(bearerParam)).toBe(false);
        }
        if (staged.status === 200) {
          expect(result.errors).toEqual([]);
          const data = (staged.body as { data?: Record<string, unknown> })?.data ?? (staged.body as Record<string, unknown>);
          expect(route.pick(result.data ?? {})).toEqual(route.expected(data, staged.body));
          expect(h.calls).toHaveLength(1);
        } else {
          expect(result.errors.length).toBeGreaterThan(0);
          const error = result.errors[0]!.originalError as { code: string; extensions: Record<string, unknown> };
          const body = staged.body as { errors?: { code?: string }[] };
          const upstreamCode = recipe.errorFormat === 'v2-flat' ? `${recipe.provider.toLowerCase()}_${staged.status}` : body?.errors?.[0]?.code;
          expect(error.extensions).toMatchObject({ provider: recipe.provider, ...(upstreamCode ? { upstreamCode } : {}) });
          const reason = error.extensions.reason as keyof typeof UPSTREAM_REASONS;
          expect(Object.keys(UPSTREAM_REASONS)).toContain(reason);
          expect(error.extensions.retryable).toBe(UPSTREAM_REASONS[reason].retryable);
          if (staged.status === 404) expect(error.code).toBe('NOT_FOUND');
          if (staged.status >= 502) expect(['PROVIDER_UNAVAILABLE', 'PROVIDER_TIMEOUT']).toContain(error.code);
        }
        const validator = validators.get(specPathOf(path, staged.file.split('/')[0]!));
        // A status the OpenAPI file does not describe for the route (a few corpus cases) has no schema to check.
        const invalid = validator?.validateResponse(staged.status, staged.body) as { message?: string } | undefined;
        if (!invalid?.message?.startsWith('An unknown status code')) expect(invalid).toBeUndefined();
      });
    });
  }

  describe(`${recipe.name}: calls`, () => {
    const firstOk = (name: string) => contract.routes[name]!.folders.flatMap(casesOf).find((c) => c.status === 200);
    it.each(routeNames)('one call per (route, parameters) per request: %s asked twice under two aliases', async (name) => {
      const staged = firstOk(name);
      if (!staged) return;
      const route = contract.routes[name]!;
      reset();
      h.upstream.override(recipe.routes[name]!.path, { status: 200, body: staged.body });
      const selection = route.query(staged.params);
      const result = await h.run(`{ a: person { ${selection} } b: person { ${selection} } }`, route.subject(staged.params));
      expect(result.errors).toEqual([]);
      const byRoute = new Map<string, number>();
      for (const c of h.calls) byRoute.set(c.route, (byRoute.get(c.route) ?? 0) + 1);
      expect([...byRoute.values()].every((n) => n === 1)).toBe(true);
    });

    it.each(routeNames)('denied scopes cause no call: %s with every scope denied, then each one', async (name) => {
      const staged = firstOk(name);
      if (!staged) return;
      const route = contract.routes[name]!;
      reset();
      h.upstream.override(recipe.routes[name]!.path, { status: 200, body: staged.body });
      await h.run(`{ person { ${route.query(staged.params)} } }`, route.subject(staged.params), 'all');
      expect(h.calls).toHaveLength(0);
      for (const scope of scopes) {
        reset();
        h.upstream.override(recipe.routes[name]!.path, { status: 200, body: staged.body });
        await h.run(`{ person { ${route.query(staged.params)} } }`, route.subject(staged.params), new Set([scope]));
        const routes = h.calls.map((c) => c.route);
        expect(new Set(routes).size).toBe(routes.length);
      }
    });
  });
}

/** The OpenAPI path a corpus folder's cases answer: the route at the folder's own version (a v3 case replayed on a v4 route is a v3 body). */
function specPathOf(path: string, folder: string): string {
  const version = /^api_particulier_(v\d)_/.exec(folder)?.[1];
  return version && /^\/v\d\//.test(path) ? path.replace(/^\/v\d\//, `/${version}/`) : path;
}

/** Payload readers for `expected`: the hub's documented tolerance (docs/contract.md#upstreams). */
export const payload = {
  /** A non-blank string, else null. */
  str: (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null),
  /** A real calendar date `YYYY-MM-DD` (2021-06-31 is not), else null. */
  date(v: unknown): string | null {
    if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return null;
    const d = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v ? v : null;
  },
  bool: (v: unknown): boolean | null => (typeof v === 'boolean' ? v : null),
  int: (v: unknown): number | null => (typeof v === 'number' && Number.isInteger(v) ? v : typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : null),
  obj: (v: unknown): Record<string, unknown> | null => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null),
};
