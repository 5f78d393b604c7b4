import type { ServerResponse } from 'node:http';
import type { ErrorCode, HubErrorExtensions } from '@hub/core';

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(payload),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(payload);
}

const GRAPHQL_RESPONSE_TYPE = 'application/graphql-response+json';

/**
 * The media type of a request-level GraphQL error: `application/graphql-response+json` when the
 * client names it in `Accept` (q > 0), else `application/json`. GraphQL-over-HTTP clients (Apollo
 * Client 4) read a non-2xx body as a GraphQL response only under the former; under the latter
 * they report a bare HTTP error and the `extensions` (code, reason) are lost to the caller.
 */
export function graphQLErrorMediaType(accept: string | undefined): string {
  for (const range of (accept ?? '').split(',')) {
    const [type, ...params] = range.split(';').map((p) => p.trim().toLowerCase());
    if (type !== GRAPHQL_RESPONSE_TYPE) continue;
    const q = params.find((p) => p.startsWith('q='));
    if (!q || Number(q.slice(2)) > 0) return `${GRAPHQL_RESPONSE_TYPE}; charset=utf-8`;
  }
  return 'application/json; charset=utf-8';
}

/** A request-level GraphQL error response (GraphQL-over-HTTP shape), typed for the client's `Accept`. */
export function sendGraphQLError(
  res: ServerResponse, status: number, code: ErrorCode, message: string,
  extensions: HubErrorExtensions = {}, headers: Record<string, string> = {}, accept?: string,
): void {
  sendJson(res, status, { errors: [{ message, extensions: { code, ...extensions } }] }, { 'content-type': graphQLErrorMediaType(accept), ...headers });
}
