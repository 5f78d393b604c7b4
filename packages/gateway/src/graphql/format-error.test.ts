import { describe, expect, it } from '@jest/globals';
import { GraphQLError } from 'graphql';
import { HubError } from '@hub/core';
import { formatError } from './format-error.js';

const wrap = (original: Error) => new GraphQLError(original.message, { originalError: original, path: ['person', 'family'] });

describe('formatError', () => {
  it('masks unexpected errors: no message, no stack, INTERNAL_SERVER_ERROR', () => {
    const secret = new Error('connect ECONNREFUSED 10.0.0.5:5432 user=hub password=s3cret');
    const out = formatError({ message: secret.message, path: ['person', 'family'], extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at x'] } }, wrap(secret));
    expect(out).toEqual({ message: 'Internal server error.', path: ['person', 'family'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });
  it('keeps a HubError code and its coded extensions only', () => {
    const e = new HubError('NOT_FOUND', 'MEN has no record.', { provider: 'MEN', upstreamCode: '30003' });
    expect(formatError({ message: e.message, path: ['person', 'family'] }, wrap(e))).toEqual({ message: 'MEN has no record.', path: ['person', 'family'], extensions: { code: 'NOT_FOUND', provider: 'MEN', upstreamCode: '30003' } });
  });
  it('turns GraphQL validation failures into BAD_USER_INPUT with the reason', () => {
    const e = new GraphQLError('Cannot query field "x"', { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    expect(formatError({ message: e.message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }, e).extensions).toEqual({ code: 'BAD_USER_INPUT', reason: 'GRAPHQL_VALIDATION_FAILED' });
  });
  it.each(['that', 'than'])('words the parser\'s token abort ("more %s") as QUERY_TOO_COMPLEX tokens, other syntax errors as BAD_USER_INPUT', (word) => {
    const message = `Syntax Error: Document contains more ${word} 2000 tokens. Parsing aborted.`;
    const e = new GraphQLError(message, { extensions: { code: 'GRAPHQL_PARSE_FAILED' } });
    expect(formatError({ message, locations: [{ line: 1, column: 7425 }], extensions: { code: 'GRAPHQL_PARSE_FAILED' } }, e))
      .toEqual({ message: 'The document has more than 2000 tokens.', extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'tokens' } });
    const syntax = 'Syntax Error: Expected Name, found "}".';
    expect(formatError({ message: syntax, extensions: { code: 'GRAPHQL_PARSE_FAILED' } }, new GraphQLError(syntax)).extensions)
      .toEqual({ code: 'BAD_USER_INPUT', reason: 'GRAPHQL_PARSE_FAILED' });
  });
  it('keeps PERSISTED_QUERY_NOT_FOUND as it is: APQ clients retry on that code', () => {
    const e = new GraphQLError('PersistedQueryNotFound', { extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } });
    expect(formatError({ message: e.message, extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }, e)).toEqual({ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } });
  });
});
