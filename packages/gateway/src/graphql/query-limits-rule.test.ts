import { describe, expect, it } from '@jest/globals';
import { buildSchema, getIntrospectionQuery, parse, specifiedRules, validate } from 'graphql';
import { countTokens } from './count-tokens.js';
import { measureOperation } from './measure-operation.js';
import { DEFAULT_QUERY_LIMITS, queryLimitsRule, type QueryLimits } from './query-limits-rule.js';

const schema = buildSchema('directive @tag on FIELD type Query { node: Node } type Node { id: ID child: Node }');
const SMALL: QueryLimits = { maxDepth: 4, maxAliases: 2, maxDirectives: 2, maxTokens: 60, maxFields: 6, maxUpstreamCalls: 50 };
const check = (query: string, limits: QueryLimits = SMALL) => validate(schema, parse(query), [queryLimitsRule(limits)]).map((e) => e.extensions.limit);

/** `fragment F0 { __typename }`, then each level spreading the previous one twice. */
function fragmentBomb(levels: number): string {
  let text = 'fragment F0 on Query { __typename }\n';
  for (let i = 1; i <= levels; i++) text += `fragment F${i} on Query { ...F${i - 1} ...F${i - 1} }\n`;
  return `${text}{ ...F${levels} }`;
}

describe('queryLimitsRule', () => {
  it('accepts a query within every limit', () => {
    expect(check('{ node { id child { id } } }')).toEqual([]);
  });

  it('counts depth through fragments and inline fragments', () => {
    expect(check('{ node { child { ...F } } } fragment F on Node { child { ... on Node { child { id } } } }')).toEqual(['depth']);
  });

  it('counts aliases and fields', () => {
    expect(check('{ a: node { id } b: node { id } c: node { id } }')).toEqual(['aliases']);
    expect(check('{ node { id child { id } } n: node { id child { id } } }')).toEqual(['fields']);
  });

  it('counts introspection fields and __typename like any field', () => {
    expect(check('{ __schema { types { fields { type { ofType { name } } } } } }')).toEqual(['depth']);
    expect(check('{ a: __typename b: __typename c: __typename }')).toEqual(['aliases']);
    expect(check('{ __typename node { __typename id child { __typename id } } }')).toEqual(['fields']);
  });

  it('allows one introspection root per operation', () => {
    expect(check('{ __type(name: "Node") { name } }')).toEqual([]);
    expect(check('{ __type(name: "Node") { name } ...R } fragment R on Query { __schema { queryType { name } } }')).toEqual(['introspection']);
  });

  it('counts directives, spreads multiplying them', () => {
    expect(check('{ node @tag { id @tag } }')).toEqual([]);
    expect(check('{ node @tag { id @tag @tag } }')).toEqual(['directives']);
    expect(check('{ ...F ...F ...F } fragment F on Query { node @tag { id } }')).toEqual(['directives']);
  });

  it('counts tokens with the lexer, comments excluded', () => {
    expect(countTokens('{ node { id } } # a comment { { { {', 100)).toBe(6);
    expect(countTokens('{ a b c d e f g h }', 3)).toBe(4); // stops right after the limit
    expect(check(`{ node { ${'id '.repeat(60)} } }`, { ...SMALL, maxFields: 100 })).toEqual(['tokens']);
  });

  it('measures each fragment once: a doubling chain is refused at once, its count exact', () => {
    const document = parse(fragmentBomb(24));
    const operation = document.definitions.at(-1)!;
    if (operation.kind !== 'OperationDefinition') throw new Error('no operation');
    expect(measureOperation(document, operation)).toEqual({ fields: 2 ** 24, depth: 1, aliases: 0, directives: 0, introspectionRoots: 0 });
    const started = process.hrtime.bigint();
    expect(validate(schema, parse(fragmentBomb(200)), [queryLimitsRule({ ...DEFAULT_QUERY_LIMITS, maxTokens: 100_000 })]).map((e) => e.extensions.limit)).toEqual(['fields']);
    // Generous bound: the old expansion needed 2^200 steps; linear measuring needs microseconds.
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(1000);
  });

  it('does not hang on fragment cycles (graphql-js reports them)', () => {
    const errors = validate(schema, parse('{ ...A } fragment A on Query { node { id } ...B } fragment B on Query { ...A }'), [...specifiedRules, queryLimitsRule(SMALL)]);
    expect(errors.map((e) => e.message).join('\n')).toMatch(/Cannot spread fragment "A" within itself/);
  });

  it('admits the standard introspection query with the defaults (depth 15)', () => {
    const document = parse(getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true }));
    expect(validate(schema, document, [queryLimitsRule(DEFAULT_QUERY_LIMITS)])).toEqual([]);
    expect(validate(schema, document, [queryLimitsRule({ ...DEFAULT_QUERY_LIMITS, maxDepth: 14 })]).map((e) => e.extensions.limit)).toEqual(['depth']);
  });
});
