import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import { loadTypeDefs } from './load-type-defs.js';
import { DateScalar, DateTimeScalar } from './scalars.js';
import { viewerResolvers } from './viewer-resolvers.js';

/** SDL files of the graph, in order (schema/ holds SDL only). */
export const SCHEMA_FILES = ['directives.graphql', 'base.graphql'] as const;

export function buildHubSchema(): GraphQLSchema {
  return makeExecutableSchema({
    typeDefs: loadTypeDefs(SCHEMA_FILES),
    resolvers: [{ Date: DateScalar, DateTime: DateTimeScalar }, viewerResolvers],
    inheritResolversFromInterfaces: true,
  });
}
