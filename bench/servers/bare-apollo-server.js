/**
 * The baseline: Apollo Server 5 `startStandaloneServer` with the hub's own SDL (directive
 * definitions included, no directive applied) and in-memory resolvers returning, for
 * `person`, the tree the hub returned for the same query. No auth, no policy, no database.
 *
 * With `upstream` ({ url, token }), `Person.family` is not served from memory but fetched, on every
 * request, from the same sandbox route with the same parameters the hub used, and mapped to the
 * same fields: the baseline for queries whose data comes from an upstream. It uses the same
 * transport as the hub (node:http, keep-alive agent), not `fetch`, which costs several times more
 * CPU per call here: the comparison then measures the hub's pipeline, not a slower HTTP client.
 */
import http from 'node:http';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { printSchema } from 'graphql';
import { buildUnprotectedSchema } from '@hub/gateway';
import { serveChild } from '../lib/child-protocol.js';

serveChild(async ({ person, upstream }) => {
  const typeDefs = printSchema(buildUnprotectedSchema());
  const resolvers = { Query: { person: () => person } };
  if (upstream) {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 50 });
    const get = () => new Promise((resolve, reject) => {
      const req = http.get(upstream.url, { agent, headers: { authorization: `Bearer ${upstream.token}`, accept: 'application/json' } }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => (res.statusCode === 200 ? resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))) : reject(new Error(`upstream answered ${res.statusCode}`))));
      });
      req.on('error', reject);
    });
    resolvers.Person = {
      family: async () => {
        const { data } = await get();
        const qf = data.quotient_familial;
        return { ...person.family, familyQuotient: { value: qf.valeur, year: qf.annee, month: qf.mois } };
      },
    };
  }
  const server = new ApolloServer({
    typeDefs,
    resolvers,
    // Same switches as the hub's Apollo (create-apollo.ts), so only the hub's additions differ.
    csrfPrevention: false,
    introspection: true,
    includeStacktraceInErrorResponses: false,
  });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  return { info: { url: url.replace(/\/$/, '') }, stop: () => server.stop() };
});
