import {
  getOperationAST, parse, specifiedRules, validate,
  type DocumentNode, type GraphQLError, type GraphQLFormattedError, type GraphQLSchema, type ValidationRule,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { LRUCache } from 'lru-cache';
import Negotiator from 'negotiator';
import type { CostCheck } from '../plugins/cost-plugin.js';
import type { SingleResult } from '../plugins/journal-plugin.js';
import type { GraphQLContext } from '../resolvers/context.js';

export type PreparedOperationsOptions = {
  schema: GraphQLSchema;
  /** Added to graphql-js's specified rules, exactly as Apollo is configured with them. */
  validationRules: ValidationRule[];
  /** Apollo's `parseOptions.maxTokens`: a longer document is not parsed (Apollo words the refusal). */
  maxTokens?: number;
  formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError;
  /** Same hook as Apollo's `didEncounterErrors` (logs unexpected errors). */
  onErrors(ctx: GraphQLContext, errors: ReadonlyArray<GraphQLError>): void;
  /** Same step as Apollo's `willSendResponse` (the journal); may rewrite the result. */
  beforeSend?(ctx: GraphQLContext, result: SingleResult): Promise<void>;
  /** Same step as Apollo's cost plugin: a refusal goes to Apollo (which answers it), else `extensions.cost`. */
  cost?: CostCheck;
  /** Bound of the document cache in estimated heap bytes (default 32 MB; HUB_DOCUMENT_CACHE_BYTES). */
  maxCacheBytes?: number;
};

/** A validated document and its operations compiled so far (by operation name, '' = the only one). */
type Prepared = { document: DocumentNode; operations: Map<string, CompiledQuery | null> };

/**
 * Estimated heap bytes of a cached document, measured on this hub's schema (Node 20): the query
 * text and its AST grow with the text (~16 bytes a character, 4 KB floor); each graphql-jit
 * compiled operation adds ~20 KB whatever the text. An entry is re-sized when an operation is
 * compiled, so the bound holds for what the cache really keeps.
 */
function estimatedBytes(value: Prepared | false, query: string): number {
  return 4096 + 16 * query.length + (value ? value.operations.size * 20_480 : 0);
}

export type PreparedResponse = { contentType: string; body: string };

const JSON_TYPE = 'application/json; charset=utf-8';
const RESPONSE_TYPES = [JSON_TYPE, 'application/graphql-response+json; charset=utf-8', 'application/json; callbackSpec=1.0; charset=utf-8'];

/**
 * The request path for the common case: a POST of a query whose text was already parsed and
 * validated once (by this class, against the same schema and the same validation rules as
 * Apollo's). It runs graphql-js `execute` directly, then the same error formatting, error logging
 * and journal step as the Apollo path, and produces the same bytes Apollo would
 * (`{"errors","data"}` order, same content type negotiation, HTTP 200).
 *
 * Why: Apollo's request pipeline (plugin hooks, query hashing, per-request promise chains) costs
 * more CPU than graphql-js execution itself (measured on a 2-core machine: 53–63 µs vs 164 µs per request), and the
 * hub must out-run bare Apollo while also authenticating, deciding policy and journaling.
 *
 * Anything else — GET, syntax or validation errors, several operations without a name,
 * variables that do not coerce, persisted-query extensions, an Accept header asking for neither
 * JSON type — returns null *before any resolver ran*, and the caller hands the request to Apollo,
 * which answers it as it always did (its error shapes and HTTP statuses stay the reference).
 */
export class PreparedOperations {
  private readonly documents: LRUCache<string, Prepared | false>;
  private readonly rules: ReadonlyArray<ValidationRule>;
  /** Accept header → content type ('' = none acceptable); headers are client input, so bounded in bytes. */
  private readonly contentTypes = new LRUCache<string, string>({ maxSize: 256 * 1024, sizeCalculation: (_value, key) => 64 + 2 * key.length });

  constructor(private readonly options: PreparedOperationsOptions) {
    this.rules = [...specifiedRules, ...options.validationRules];
    this.documents = new LRUCache({ maxSize: options.maxCacheBytes ?? 32 * 1024 * 1024, sizeCalculation: estimatedBytes });
  }

  /** The document cache as metrics see it: entries and estimated bytes. */
  cacheSize(): { entries: number; bytes: number } {
    return { entries: this.documents.size, bytes: this.documents.calculatedSize };
  }

  /** Executes `body` (the parsed JSON of a POST) or returns null to let Apollo answer. */
  async execute(body: unknown, accept: string | undefined, ctx: GraphQLContext): Promise<PreparedResponse | null> {
    if (body === null || typeof body !== 'object' || Array.isArray(body)) return null;
    const { query, variables, operationName, extensions } = body as Record<string, unknown>;
    if (typeof query !== 'string' || query.length === 0) return null;
    if (extensions !== undefined && extensions !== null) return null;
    if (variables !== undefined && variables !== null && (typeof variables !== 'object' || Array.isArray(variables))) return null;
    if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') return null;
    const contentType = this.contentTypeFor(accept);
    if (!contentType) return null;
    const prepared = this.prepare(query);
    if (!prepared) return null;
    const compiled = this.compiled(query, prepared, operationName ?? undefined);
    if (!compiled) return null;
    let cost: object | undefined;
    const operation = getOperationAST(prepared.document, operationName ?? undefined);
    ctx.operationName = operation?.name?.value ?? null;
    if (this.options.cost) {
      const verdict = operation && this.options.cost(prepared.document, operation, variables as Record<string, unknown> | undefined, ctx);
      if (!verdict || 'error' in verdict) return null;
      cost = verdict.cost;
    }

    const result = await compiled.query(undefined, ctx, (variables ?? {}) as Record<string, unknown>);
    // No `data` at all: a request error (variables did not coerce) raised before any resolver
    // ran. Apollo words those (BAD_USER_INPUT, HTTP 400); hand it the request.
    if (!('data' in result) || result.data === undefined) return null;

    let errors: GraphQLFormattedError[] | undefined;
    if (result.errors) {
      this.options.onErrors(ctx, result.errors);
      errors = result.errors.map((error) => this.format(error));
    }
    const single: SingleResult = { data: result.data as Record<string, unknown> | null, ...(errors ? { errors } : {}) };
    if (this.options.beforeSend) await this.options.beforeSend(ctx, single);
    return { contentType, body: JSON.stringify({ errors: single.errors, data: single.data, extensions: cost ? { cost } : undefined }) };
  }

  /**
   * The operation compiled by graphql-jit (resolvers are the schema's own, policy wrappers
   * included), or null when the operation is not a query or cannot be compiled.
   */
  private compiled(query: string, prepared: Prepared, operationName: string | undefined): CompiledQuery | null {
    const key = operationName ?? '';
    const known = prepared.operations.get(key);
    if (known !== undefined) return known;
    let compiled: CompiledQuery | null = null;
    const operation = getOperationAST(prepared.document, operationName);
    if (operation && operation.operation === 'query' && prepared.operations.size < 16) {
      const result = compileQuery(this.options.schema, prepared.document, operationName);
      if (isCompiledQuery(result)) compiled = result;
    }
    if (prepared.operations.size < 16) {
      prepared.operations.set(key, compiled);
      // Its estimated size grew: set it again (a new object, since lru-cache re-sizes on a new value only).
      this.documents.set(query, { ...prepared });
    }
    return compiled;
  }

  /** The parsed and validated document of `query`, or null when Apollo must report its errors. */
  private prepare(query: string): Prepared | null {
    const cached = this.documents.get(query);
    if (cached !== undefined) return cached || null;
    let document: DocumentNode;
    try {
      document = parse(query, this.options.maxTokens === undefined ? undefined : { maxTokens: this.options.maxTokens });
    } catch {
      this.documents.set(query, false);
      return null;
    }
    const valid = validate(this.options.schema, document, this.rules).length === 0;
    const prepared: Prepared | false = valid ? { document, operations: new Map() } : false;
    this.documents.set(query, prepared);
    return prepared || null;
  }

  /** Apollo's error enrichment (default code INTERNAL_SERVER_ERROR), then the hub's formatError. */
  private format(error: GraphQLError): GraphQLFormattedError {
    try {
      const json = error.toJSON();
      // graphql-jit's errors may have no `extensions` object at all (graphql-js's always do).
      const extensions = error.extensions ?? {};
      return this.options.formatError({ ...json, extensions: { ...extensions, code: extensions.code ?? 'INTERNAL_SERVER_ERROR' } }, error);
    } catch {
      return { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
    }
  }

  /** Apollo's choice for a single result (no Accept: application/json), memoised per header. */
  private contentTypeFor(accept: string | undefined): string | null {
    if (!accept) return JSON_TYPE;
    let type = this.contentTypes.get(accept);
    if (type === undefined) {
      type = new Negotiator({ headers: { accept } }).mediaType(RESPONSE_TYPES) ?? '';
      this.contentTypes.set(accept, type);
    }
    return type || null;
  }
}
