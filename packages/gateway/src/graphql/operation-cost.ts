import type { DocumentNode, GraphQLError, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import type { CostVerdict } from '../plugins/cost-plugin.js';
import { countTokens } from './count-tokens.js';
import { documentMeasurer, type OperationMeasure } from './measure-operation.js';
import { queryTooComplex, type LimitName, type QueryLimits } from './query-limits-rule.js';
import { UpstreamCostEstimator, type UpstreamPlan } from './upstream-cost.js';

/**
 * `extensions.cost` of a response (as Shopify reports it): what the operation measured, and the
 * limits it is measured against, so integrators see how close they are. Key order is fixed: both
 * execution paths serialise this object, and must produce the same bytes.
 */
export type OperationCost = {
  fields: number;
  depth: number;
  aliases: number;
  directives: number;
  tokens: number;
  upstreamCalls: number;
  limits: Record<Exclude<LimitName, 'introspection'>, number>;
};

type Measured = { measure: OperationMeasure; plan: UpstreamPlan };

/**
 * The per-request cost step, shared by both execution paths (the Apollo plugin's
 * `didResolveOperation` and the prepared-operation path), after validation and before any
 * resolver: the document's measures (memoised per document and operation, which both paths keep
 * while they cache the document) and the upstream-call estimate, which depends on the variables
 * and the operator's habilitation, so is computed per request. Over `maxUpstreamCalls` →
 * QUERY_TOO_COMPLEX `upstreamCalls`, and execution does not start.
 */
export class CostMeter {
  private readonly operations = new WeakMap<OperationDefinitionNode, Measured>();
  private readonly tokens = new WeakMap<DocumentNode, number>();
  private readonly upstream: UpstreamCostEstimator;
  private readonly limits: OperationCost['limits'];

  constructor(schema: GraphQLSchema, private readonly queryLimits: QueryLimits) {
    this.upstream = new UpstreamCostEstimator(schema);
    this.limits = {
      depth: queryLimits.maxDepth, aliases: queryLimits.maxAliases, directives: queryLimits.maxDirectives,
      tokens: queryLimits.maxTokens, fields: queryLimits.maxFields, upstreamCalls: queryLimits.maxUpstreamCalls,
    };
  }

  check(
    document: DocumentNode, operation: OperationDefinitionNode, variables: Readonly<Record<string, unknown>> | undefined, scopes: ReadonlySet<string>,
  ): CostVerdict {
    let measured = this.operations.get(operation);
    if (!measured) {
      measured = { measure: documentMeasurer(document)(operation), plan: this.upstream.plan(document, operation) };
      this.operations.set(operation, measured);
    }
    const upstreamCalls = this.upstream.estimate(measured.plan, variables, scopes, this.limits.upstreamCalls);
    if (upstreamCalls > this.limits.upstreamCalls) {
      return { error: upstreamError(this.limits.upstreamCalls) };
    }
    const { fields, depth, aliases, directives } = measured.measure;
    const cost: OperationCost = { fields, depth, aliases, directives, tokens: this.tokensOf(document), upstreamCalls, limits: this.limits };
    return { cost };
  }

  private tokensOf(document: DocumentNode): number {
    let count = this.tokens.get(document);
    if (count === undefined) {
      count = document.loc ? countTokens(document.loc.source.body, this.queryLimits.maxTokens) : 0;
      this.tokens.set(document, count);
    }
    return count;
  }
}

function upstreamError(limit: number): GraphQLError {
  return queryTooComplex('upstreamCalls', `This request could make more than ${limit} upstream calls (distinct subjects × distinct routes and arguments); split it.`);
}
