import type { ErrorCode, ProviderName, UpstreamReason, UpstreamResilience } from '@hub/core';
import type { UpstreamQuery } from '../http/encode-query.js';
import type { UpstreamErrorFormat } from '../http/translate-upstream-error.js';

/**
 * How a route designates the subject: the identity pivot, the INE, another identifier typed by
 * the citizen (identifiant France Travail, numéro fiscal…), or the citizen's FranceConnect token.
 * It also sets the default meaning of a 404 (docs/contract.md#upstream-refusals).
 */
export type RouteChoice = 'identity' | 'ine' | 'identifier' | 'france_connect';

/** One upstream route of a source. */
export type RouteRecipe<V = unknown> = {
  /** Path as published by API Particulier, e.g. `/v4/cnous/etudiant_boursier/ine`. */
  path: string;
  by: RouteChoice;
  /** The 2xx body → the GraphQL-shaped record. Tolerant (`wire`): throws only when there is no body at all. */
  map(body: unknown): V;
  /** A plan query parameter that is the call's bearer, not a query parameter (`createUpstreamLoader`'s `bearerParam`). */
  bearerParam?: string;
};

/**
 * Which routes an entry field will call and with what query: built from the parent (the subject)
 * and the field's arguments, before any call. It may throw a coded error (`missing_identifier`,
 * `BAD_USER_INPUT`): the field fails alone and nothing is called.
 */
export type Plan<R extends string = string> = { readonly [K in R]?: UpstreamQuery };

/** The field that opens a source in the graph (`Person.scholarship`, `Child.schooling`…). */
export type EntryRecipe<R extends string = string> = {
  /** Schema coordinate, `Type.field`. */
  field: string;
  plan(parent: never, args: never): Plan<R>;
  /**
   * Eager: the field itself loads this route and resolves to its record (leaves use default
   * resolvers). Otherwise the field resolves to the plan and each field of `objects` loads its
   * route, so a field the policy denies causes no call.
   */
  load?: R;
  /** The plan depends on the field's arguments (different arguments, different calls). */
  withArguments?: boolean;
};

/**
 * A field of a source object served from a route of the plan: `route` names it (default: the
 * plan's only route); the field reads the record's property of the same name, or the whole
 * record with `whole`.
 */
export type FieldRecipe<R extends string = string> = { route?: R; whole?: true };

/** An upstream refusal as the recipe translates it: a reason, and the code when not the status's. */
export type Refusal = UpstreamReason | { reason: UpstreamReason; code: ErrorCode };

/**
 * A source's own reading of its refusals, over the shared one (`translate-refusal.ts`):
 * by upstream code first (`"37003"`, `"dgfip_404"`), then by HTTP status.
 */
export type RefusalRules = {
  codes?: Readonly<Record<string, Refusal>>;
  statuses?: Readonly<Record<number, Refusal>>;
};

/**
 * A source, declared once: the client, the per-request loaders, the call records, the refusals
 * and the resolvers all come from it (`create-recipe-source.ts`, `recipe-resolvers.ts`). Adding
 * an administration is a copy of a recipe, a schema file and a line in `SOURCE_RECIPES`.
 */
export type SourceRecipe<N extends string = string, Routes extends Record<string, RouteRecipe> = Record<string, RouteRecipe>> = {
  /** Key of the source's loaders in the GraphQL context (`ctx.loaders.<name>`). */
  name: N;
  provider: ProviderName;
  /** SDL file in schema/ that declares the source's types and fields. */
  schema: string;
  errorFormat: UpstreamErrorFormat;
  routes: Routes;
  entries: readonly EntryRecipe<keyof Routes & string>[];
  /** Fields of the source's object types loaded lazily from the plan, by type. */
  objects?: Readonly<Record<string, Readonly<Record<string, FieldRecipe<keyof Routes & string>>>>>;
  refusals: RefusalRules;
  /** Resilience defaults of this source; `HUB_UPSTREAM_<SOURCE>_<SETTING>` override them. */
  resilience?: Partial<UpstreamResilience>;
  /** Household implementations this source builds: record `kind` → GraphQL type (`Household.__resolveType`). */
  households?: Readonly<Record<string, string>>;
  /** Resolvers no declaration covers (rare: a computed field). */
  resolvers?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
};

/** Declares a recipe, keeping its literal types (route names, loader value types). */
export function defineSource<const N extends string, const Routes extends Record<string, RouteRecipe>>(
  recipe: SourceRecipe<N, Routes>,
): SourceRecipe<N, Routes> {
  return recipe;
}

/** `objects` helper: the named fields, each read from the plan's only route. */
export function planFields<const F extends string>(names: readonly F[]): Record<F, FieldRecipe<never>> {
  return Object.fromEntries(names.map((name) => [name, {}])) as Record<F, FieldRecipe<never>>;
}

/** Any recipe, whatever its routes (what the machinery that reads recipes accepts). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnySourceRecipe = SourceRecipe<string, any>;

/**
 * The `ine` / `identite` route pair of the student sources (`<base>/ine`, `<base>/identite`, the
 * same body for both), named as `ineOrIdentityPlan` names them.
 */
export function ineAndIdentityRoutes<V>(base: string, map: (body: unknown) => V) {
  return {
    ine: { path: `${base}/ine`, by: 'ine', map },
    identite: { path: `${base}/identite`, by: 'identity', map },
  } as const satisfies Record<string, RouteRecipe<V>>;
}
