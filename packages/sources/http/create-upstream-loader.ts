import DataLoader from 'dataloader';
import { HubError, isHubError, type RequestScope, type UpstreamCallRecord } from '@hub/core';
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
 * It also keeps the HTTP attempts made for each key (`callsFor`): the journal lists, for each
 * subject of a `persons` request, only the calls of the keys loaded on their behalf.
 *
 * Build it inside `createLoaders(scope)`, never at module scope: its cache holds personal data.
 */
export function createUpstreamLoader<K extends UpstreamQuery, V>(opts: UpstreamLoaderOptions<V>): UpstreamLoader<K, V> {
  return new UpstreamLoader(opts);
}

export type UpstreamLoaderOptions<V> = {
  client: UpstreamClient;
  route: string;
  scope: RequestScope;
  map: (body: unknown) => V;
  /**
   * The source's reading of a failure (its recipe's refusals): `status` is the HTTP status of the
   * key's last attempt, null when no answer arrived or no call was made.
   */
  refine?: (error: HubError, status: number | null) => HubError;
  /**
   * A key parameter that is the call's bearer rather than a query parameter (FranceConnect-only
   * routes: the citizen's access token): removed from the query, sent as `Authorization: Bearer`.
   */
  bearerParam?: string;
};

export class UpstreamLoader<K extends UpstreamQuery, V> extends DataLoader<K, V, string> {
  /** The attempts of each key (by cache key): a live list, created at first sight of the key. */
  private readonly callsOf: (key: K) => UpstreamCallRecord[];

  constructor(opts: UpstreamLoaderOptions<V>) {
    const { client, route, scope, map, bearerParam } = opts;
    const refine = opts.refine ?? ((error: HubError) => error);
    const cacheKeyOf = (key: K): string => `${route}?${encodeQuery(key)}`;
    const attempts = new Map<string, UpstreamCallRecord[]>();
    const callsOf = (key: K): UpstreamCallRecord[] => {
      const cacheKey = cacheKeyOf(key);
      let calls = attempts.get(cacheKey);
      if (!calls) attempts.set(cacheKey, (calls = []));
      return calls;
    };
    super(
      (keys) =>
        Promise.all(
          keys.map(async (key): Promise<V | Error> => {
            const calls = callsOf(key);
            const keyScope: RequestScope = {
              ...scope,
              onUpstreamCall: (record) => {
                calls.push(record);
                scope.onUpstreamCall(record);
              },
            };
            let query: UpstreamQuery = key;
            if (bearerParam !== undefined) {
              const { [bearerParam]: bearer, ...rest } = key;
              query = rest;
              if (typeof bearer === 'string') keyScope.upstreamBearer = bearer;
            }
            try {
              const body = await client.get(route, query, keyScope);
              return map(body);
            } catch (error) {
              const status = calls.at(-1)?.status ?? null;
              if (isHubError(error)) return refine(error, status);
              return refine(new HubError('PROVIDER_ERROR', `${client.provider} sent an answer the hub cannot read.`, {
                provider: client.provider,
                reason: 'invalid_body',
              }, { cause: error }), null);
            }
          }),
        ),
      { cacheKeyFn: cacheKeyOf },
    );
    this.callsOf = callsOf;
  }

  /**
   * The HTTP attempts made for `key` in this request (retries included), in order: a live list,
   * filled as they happen, so it may be taken at `load` time, before the batch runs.
   */
  callsFor(key: K): readonly UpstreamCallRecord[] {
    return this.callsOf(key);
  }
}
