import DataLoader from 'dataloader';
import { HubError, isHubError, type RequestScope } from '@hub/core';
import type { UpstreamClient } from './create-upstream-client.js';
import { encodeQuery, type UpstreamQuery } from './encode-query.js';

/**
 * A per-request DataLoader over one upstream route: keys are the route's query parameters, so one
 * GraphQL request never calls the same route with the same parameters twice (docs/contract.md#upstreams).
 *
 * The batch function never rejects: each key gets its mapped value or its own Error, in key
 * order, so one citizen's failure does not fail the others of a `persons` batch. A mapper that
 * throws on an unreadable body gives that key a PROVIDER_ERROR.
 *
 * Build it inside `createLoaders(scope)`, never at module scope: its cache holds personal data.
 */
export function createUpstreamLoader<K extends UpstreamQuery, V>(opts: {
  client: UpstreamClient;
  route: string;
  scope: RequestScope;
  map: (body: unknown) => V;
}): DataLoader<K, V, string> {
  const { client, route, scope, map } = opts;
  return new DataLoader<K, V, string>(
    (keys) =>
      Promise.all(
        keys.map(async (key): Promise<V | Error> => {
          try {
            const body = await client.get(route, key, scope);
            return map(body);
          } catch (error) {
            if (isHubError(error)) return error;
            return new HubError('PROVIDER_ERROR', `${client.provider} sent an answer the hub cannot read.`, {
              provider: client.provider,
              reason: 'invalid_body',
            }, { cause: error });
          }
        }),
      ),
    { cacheKeyFn: (key) => `${route}?${encodeQuery(key)}` },
  );
}
