/**
 * The baseline: Apollo Server 5 `startStandaloneServer` with the hub's own SDL (directive
 * definitions included, no directive applied) and in-memory resolvers returning, for
 * `person`, the tree the hub returned for the same query. No auth, no policy, no database.
 */
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { printSchema } from 'graphql';
import { buildUnprotectedSchema } from '@hub/gateway';
import { serveChild } from '../lib/child-protocol.js';

serveChild(async ({ person }) => {
  const typeDefs = printSchema(buildUnprotectedSchema());
  const server = new ApolloServer({
    typeDefs,
    resolvers: { Query: { person: () => person } },
    // Same switches as the hub's Apollo (create-apollo.ts), so only the hub's additions differ.
    csrfPrevention: false,
    introspection: true,
    includeStacktraceInErrorResponses: false,
  });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  return { info: { url: url.replace(/\/$/, '') }, stop: () => server.stop() };
});
