import { describe, expect, it } from '@jest/globals';
import { buildSchema, parse, validate } from 'graphql';
import { queryLimitsRule } from './query-limits-rule.js';

const schema = buildSchema('type Query { node: Node } type Node { id: ID child: Node }');
const check = (query: string) => validate(schema, parse(query), [queryLimitsRule({ maxDepth: 4, maxAliases: 2, maxFields: 6 })]).map((e) => e.extensions.limit);

describe('queryLimitsRule', () => {
  it('accepts a query within every limit', () => {
    expect(check('{ node { id child { id } } }')).toEqual([]);
  });
  it('counts depth through fragments and inline fragments', () => {
    expect(check('{ node { child { ...F } } } fragment F on Node { child { ... on Node { child { id } } } }')).toEqual(['maxDepth']);
  });
  it('counts aliases and fields', () => {
    expect(check('{ a: node { id } b: node { id } c: node { id } }')).toEqual(['maxAliases']);
    expect(check('{ node { id child { id } } n: node { id child { id } } }')).toEqual(['maxFields']);
  });
  it('ignores introspection fields', () => {
    expect(check('{ __schema { types { fields { type { ofType { ofType { name } } } } } } }')).toEqual([]);
  });
});
