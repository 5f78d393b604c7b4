import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema, ValidationRule } from 'graphql';
import type { GraphQLContext } from '../resolvers/context.js';
import { errorLoggingPlugin } from '../plugins/error-logging-plugin.js';
import { formatError } from './format-error.js';
import { DEFAULT_QUERY_LIMITS, queryLimitsRule, type QueryLimits } from './query-limits-rule.js';
import { supportedOperationsRule } from './supported-operations-rule.js';

/**
 * Apollo Server 5, used through `executeHTTPGraphQLRequest` behind the hub's own node:http server
 * (express halved throughput when measured). CSRF prevention is off on purpose: /graphql
 * authenticates by a Bearer header only, never by cookie, so a cross-site form cannot act as an
 * operator; keeping it on would refuse plain `GET /graphql?query=` from curl.
 */
/** Validation rules added to graphql-js's, on both execution paths (Apollo and prepared operations). */
export function hubValidationRules(limits: QueryLimits = DEFAULT_QUERY_LIMITS): ValidationRule[] {
  return [supportedOperationsRule, queryLimitsRule(limits)];
}

export async function createApollo(
  schema: GraphQLSchema, extraPlugins: ApolloServerPlugin<GraphQLContext>[] = [], limits: QueryLimits = DEFAULT_QUERY_LIMITS,
): Promise<ApolloServer<GraphQLContext>> {
  const apollo = new ApolloServer<GraphQLContext>({
    schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    csrfPrevention: false,
    introspection: true,
    validationRules: hubValidationRules(limits),
    // A document over the token limit is refused while parsing (linear, stops at the limit): the
    // 62 KB introspection bomb then costs no full parse and validation (formatError words it).
    parseOptions: { maxTokens: limits.maxTokens },
    // Compact JSON (Apollo pretty-prints by default: more bytes, more CPU, for no client).
    stringifyResult: (value) => JSON.stringify(value),
    // No cache-control plugin: the hub answers `no-store` always, and the plugin would wrap every
    // field resolver of the schema (a per-field cost for nothing).
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginCacheControlDisabled(), errorLoggingPlugin(), ...extraPlugins],
  });
  await apollo.start();
  return apollo;
}
