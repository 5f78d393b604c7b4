import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { ApolloClient, CombinedGraphQLErrors, HttpLink, InMemoryCache, ServerError, gql as tag } from '@apollo/client/core';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { expect } from '../support/expect.js';
import { startTestHub, type TestHub } from '../support/test-hub.js';

// The hub as the most common GraphQL client sees it: Apollo Client 4 (no React), HttpLink, over HTTP.

let t: TestHub;
let token: string;

beforeAll(async () => {
  t = await startTestHub();
  const op = await t.hub.admin.addOperator({ name: 'Mairie de Clientville', siret: '21750001600019' });
  await t.hub.admin.grantHabilitation({ operator: op.id, scopes: 'cnaf_quotient_familial', purpose: 'Cantine', legalBasis: 'CRPA' });
  ({ token } = await t.hub.admin.issueToken({ operator: op.id, ttl: '1h' }));
});
afterAll(async () => t?.close());

const VIEWER = tag`query Viewer { viewer { name } }`;

function client(bearer: string, options: { accept?: string; persisted?: boolean } = {}) {
  const http = new HttpLink({
    uri: `${t.url}/graphql`,
    headers: { authorization: `Bearer ${bearer}`, ...(options.accept ? { accept: options.accept } : {}) },
  });
  const sha256 = (query: string) => createHash('sha256').update(query).digest('hex');
  return new ApolloClient({ cache: new InMemoryCache(), link: options.persisted ? new PersistedQueryLink({ sha256 }).concat(http) : http });
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('the query did not fail');
}

describe('Apollo Client 4 against the hub', () => {
  it('answers a valid token', async () => {
    const { data } = await client(token).query({ query: VIEWER });
    expect(data).toEqual({ viewer: { __typename: 'Operator', name: 'Mairie de Clientville' } });
  });

  it('surfaces UNAUTHENTICATED and its reason on a bad token (its default Accept: graphql-response+json)', async () => {
    const error = await failure(client('not-a-token').query({ query: VIEWER }));
    expect(CombinedGraphQLErrors.is(error), String(error)).toBe(true);
    const { errors } = error as CombinedGraphQLErrors;
    expect(errors).toHaveLength(1);
    expect(errors[0]!.extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'malformed_token' });

    const revoked = await t.hub.admin.issueToken({ operator: (await t.hub.admin.listOperators()).operators[0]!.id, ttl: '1h' });
    await t.hub.admin.revokeToken({ jti: revoked.jti });
    const again = await failure(client(revoked.token).query({ query: VIEWER }));
    expect((again as CombinedGraphQLErrors).errors[0]!.extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'revoked' });
  });

  it('answers the 401 as application/json to a client that accepts only that; the body still holds the reason', async () => {
    const error = await failure(client('not-a-token', { accept: 'application/json' }).query({ query: VIEWER }));
    expect(ServerError.is(error), String(error)).toBe(true);
    const server = error as ServerError;
    expect(server.statusCode).toBe(401);
    expect(server.response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(JSON.parse(server.bodyText)).toEqual({
      errors: [{ message: expect.any(String), extensions: { code: 'UNAUTHENTICATED', reason: 'malformed_token' } }],
    });
  });

  it('answers the 401 with the media type the client accepts', async () => {
    const cases: [string | undefined, string][] = [
      [undefined, 'application/json; charset=utf-8'],
      ['*/*', 'application/json; charset=utf-8'],
      ['application/graphql-response+json', 'application/graphql-response+json; charset=utf-8'],
      ['application/json, application/graphql-response+json;q=0.5', 'application/graphql-response+json; charset=utf-8'],
      ['application/json, application/graphql-response+json;q=0', 'application/json; charset=utf-8'],
    ];
    for (const [accept, type] of cases) {
      const res = await fetch(`${t.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer nope', ...(accept ? { accept } : {}) },
        body: JSON.stringify({ query: '{ viewer { name } }' }),
      });
      expect(res.status, String(accept)).toBe(401);
      expect(res.headers.get('content-type'), String(accept)).toBe(type);
      expect((await res.json()).errors[0].extensions, String(accept)).toEqual({ code: 'UNAUTHENTICATED', reason: 'malformed_token' });
    }
  });
});

describe('automatic persisted queries', () => {
  const post = (body: unknown) => fetch(`${t.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });

  it('an unknown hash without the query text is PERSISTED_QUERY_NOT_FOUND, then the hash with its text runs and is remembered', async () => {
    const query = '{ viewer { siret } }';
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const extensions = { persistedQuery: { version: 1, sha256Hash } };

    const miss = await post({ extensions });
    const missBody = await miss.json();
    expect(missBody.errors, JSON.stringify(missBody)).toHaveLength(1);
    expect(missBody.errors[0].extensions).toEqual({ code: 'PERSISTED_QUERY_NOT_FOUND' });

    const register = await (await post({ query, extensions })).json();
    expect(register.errors).toBeUndefined();
    expect(register.data).toEqual({ viewer: { siret: '21750001600019' } });
    const hit = await (await post({ extensions })).json();
    expect(hit.errors).toBeUndefined();
    expect(hit.data).toEqual({ viewer: { siret: '21750001600019' } });
  });

  it("Apollo Client's PersistedQueryLink recovers from the miss", async () => {
    const { data } = await client(token, { persisted: true }).query({ query: tag`query Siret { viewer { siret name } }` });
    expect(data).toEqual({ viewer: { __typename: 'Operator', siret: '21750001600019', name: 'Mairie de Clientville' } });
  });
});
