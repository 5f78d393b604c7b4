import { GraphQLError, type ASTVisitor, type ValidationContext } from 'graphql';
import { countTokens } from './count-tokens.js';
import { documentMeasurer, type OperationMeasure } from './measure-operation.js';

export type QueryLimits = {
  /** Deepest field nesting, introspection fields included (the standard introspection query is 15). */
  maxDepth: number;
  /** Aliased fields in the operation after fragment expansion, `__typename` aliases included. */
  maxAliases: number;
  /** Directive usages in the operation after fragment expansion. */
  maxDirectives: number;
  /** Lexical tokens of the whole document. */
  maxTokens: number;
  /** Field selections after fragment expansion ("wide" queries). */
  maxFields: number;
  /** Estimated upstream calls of one request (checked per request, see upstream-cost.ts). */
  maxUpstreamCalls: number;
};

/** Defaults at least as strict as graphql-armor's where the schema allows (depth: introspection needs 15). */
export const DEFAULT_QUERY_LIMITS: QueryLimits = {
  maxDepth: 15, maxAliases: 15, maxDirectives: 50, maxTokens: 2000, maxFields: 1000, maxUpstreamCalls: 50,
};

/** At most one introspection root (`__schema` / `__type`) per operation: their answers are large. */
export const MAX_INTROSPECTION_ROOTS = 1;

/** The `extensions.limit` names of QUERY_TOO_COMPLEX (public contract). */
export type LimitName = 'depth' | 'aliases' | 'directives' | 'tokens' | 'fields' | 'introspection' | 'upstreamCalls';

/** A QUERY_TOO_COMPLEX error as validation rules and the cost check report it (format-error.ts maps it). */
/** The tokens refusal's wording, shared by the rule and the parser's abort (format-error.ts). */
export function tooManyTokensMessage(maxTokens: number | string): string {
  return `The document has more than ${maxTokens} tokens.`;
}

export function queryTooComplex(limit: LimitName, message: string, extra: { nodes?: GraphQLError['nodes'] } = {}): GraphQLError {
  // `http` is read by Apollo for the status when the error is thrown from a plugin hook.
  return new GraphQLError(message, { ...extra, extensions: { limit, hubCode: 'QUERY_TOO_COMPLEX', http: { status: 400 } } });
}

/** The structural limits an operation's measure passes over, in a fixed order. */
export function exceededLimits(measure: OperationMeasure, limits: QueryLimits): { limit: LimitName; message: string }[] {
  const over: { limit: LimitName; message: string }[] = [];
  if (measure.introspectionRoots > MAX_INTROSPECTION_ROOTS) over.push({ limit: 'introspection', message: `More than ${MAX_INTROSPECTION_ROOTS} introspection root (__schema, __type).` });
  if (measure.depth > limits.maxDepth) over.push({ limit: 'depth', message: `Query depth exceeds ${limits.maxDepth}.` });
  if (measure.aliases > limits.maxAliases) over.push({ limit: 'aliases', message: `More than ${limits.maxAliases} aliases.` });
  if (measure.directives > limits.maxDirectives) over.push({ limit: 'directives', message: `More than ${limits.maxDirectives} directives.` });
  if (measure.fields > limits.maxFields) over.push({ limit: 'fields', message: `More than ${limits.maxFields} field selections.` });
  return over;
}

/**
 * Hostile documents (many tokens; deep, wide, aliased, directive-laden operations; several
 * introspection roots) are refused at validation — before any resolver runs, on both execution
 * paths, since both validate with these rules — with QUERY_TOO_COMPLEX naming the limit.
 *
 * Every measure is linear in the document: tokens are counted by the lexer and the count stops
 * at the limit; operations are measured with each fragment measured once (measure-operation.ts).
 * Introspection fields and `__typename` count like any field. Each exceeded limit is one error.
 */
export function queryLimitsRule(limits: QueryLimits = DEFAULT_QUERY_LIMITS) {
  return (context: ValidationContext): ASTVisitor => {
    const measure = documentMeasurer(context.getDocument());
    return {
      Document(document) {
        const body = document.loc?.source.body;
        if (body !== undefined && countTokens(body, limits.maxTokens) > limits.maxTokens) {
          context.reportError(queryTooComplex('tokens', tooManyTokensMessage(limits.maxTokens)));
        }
      },
      OperationDefinition(operation) {
        for (const { limit, message } of exceededLimits(measure(operation), limits)) {
          context.reportError(queryTooComplex(limit, message, { nodes: [operation] }));
        }
        return false; // nothing below the operation concerns this rule
      },
    };
  };
}
