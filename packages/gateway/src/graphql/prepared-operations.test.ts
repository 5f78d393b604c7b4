import { describe, expect, it } from '@jest/globals';
import { makeExecutableSchema } from '@graphql-tools/schema';
import pino from 'pino';
import type { GraphQLContext } from '../resolvers/context.js';
import { PreparedOperations } from './prepared-operations.js';
import { queryLimitsRule } from './query-limits-rule.js';

const schema = makeExecutableSchema({
  typeDefs: 'type Query { hello(name: String!): String  boom: String }  type Mutation { x: Int }',
  resolvers: { Query: { hello: (_: unknown, { name }: { name: string }) => `bonjour ${name}`, boom: () => { throw new Error('secret detail'); } } },
});

function setup() {
  const seen = { errors: 0, sent: 0 };
  const prepared = new PreparedOperations({
    schema, validationRules: [queryLimitsRule()],
    formatError: (formatted) => ({ message: formatted.message === 'secret detail' ? 'masked' : formatted.message, extensions: { code: formatted.extensions?.code } }),
    onErrors: (_ctx, errors) => { seen.errors += errors.length; },
    beforeSend: async () => { seen.sent += 1; },
  });
  const ctx = { logger: pino({ level: 'silent' }) } as unknown as GraphQLContext;
  return { prepared, ctx, seen };
}

describe('PreparedOperations', () => {
  it('executes a valid query, formats its errors, runs the send step, and answers like Apollo', async () => {
    const { prepared, ctx, seen } = setup();
    const r = await prepared.execute({ query: 'query($n: String!) { hello(name: $n) boom }', variables: { n: 'Ana' } }, undefined, ctx);
    expect(r).toEqual({
      contentType: 'application/json; charset=utf-8',
      body: '{"errors":[{"message":"masked","extensions":{"code":"INTERNAL_SERVER_ERROR"}}],"data":{"hello":"bonjour Ana","boom":null}}',
    });
    expect(seen).toEqual({ errors: 1, sent: 1 });
    const again = await prepared.execute({ query: 'query($n: String!) { hello(name: $n) boom }', variables: { n: 'Léa' } }, 'application/graphql-response+json', ctx);
    expect(again?.contentType).toBe('application/graphql-response+json; charset=utf-8');
    expect(again?.body).toContain('"hello":"bonjour Léa"');
  });

  it.each([
    ['a syntax error', { query: '{ hello(' }],
    ['a validation error', { query: '{ nope }' }],
    ['variables that do not coerce', { query: 'query($n: String!) { hello(name: $n) }', variables: {} }],
    ['a mutation', { query: 'mutation { x }' }],
    ['ambiguous operations', { query: 'query A { boom } query B { boom }' }],
    ['extensions', { query: '{ boom }', extensions: { persistedQuery: { version: 1 } } }],
    ['variables as a string', { query: '{ boom }', variables: '{}' }],
    ['an array body', [{ query: '{ boom }' }]],
    ['no query', { variables: {} }],
  ])('hands %s to Apollo without running a resolver', async (_label, body) => {
    const { prepared, ctx, seen } = setup();
    expect(await prepared.execute(body, undefined, ctx)).toBeNull();
    expect(seen).toEqual({ errors: 0, sent: 0 });
  });

  it('hands an Accept header it cannot satisfy to Apollo (406 there)', async () => {
    const { prepared, ctx } = setup();
    expect(await prepared.execute({ query: '{ boom }' }, 'text/html', ctx)).toBeNull();
  });
});

describe('PreparedOperations document cache', () => {
  it('stays within its bound in estimated bytes, compiled operations included', async () => {
    const prepared = new PreparedOperations({
      schema, validationRules: [queryLimitsRule()], formatError: (f) => f, onErrors: () => undefined, maxCacheBytes: 1024 * 1024,
    });
    const ctx = { logger: pino({ level: 'silent' }) } as unknown as GraphQLContext;
    for (let i = 0; i < 300; i++) await prepared.execute({ query: `{ hello(name: "${'x'.repeat(i)}") }` }, undefined, ctx);
    const documents = (prepared as unknown as { documents: { calculatedSize: number; size: number } }).documents;
    expect(documents.calculatedSize).toBeLessThanOrEqual(1024 * 1024);
    // ~24 KB an entry (4 KB + 16 B a character + 20 KB per compiled operation): about 40 kept.
    expect(documents.size).toBeGreaterThan(20);
    expect(documents.size).toBeLessThan(60);
  });
});
