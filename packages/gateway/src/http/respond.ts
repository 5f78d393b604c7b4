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

/** A request-level GraphQL error response (GraphQL-over-HTTP shape). */
export function sendGraphQLError(
  res: ServerResponse, status: number, code: ErrorCode, message: string,
  extensions: HubErrorExtensions = {}, headers: Record<string, string> = {},
): void {
  sendJson(res, status, { errors: [{ message, extensions: { code, ...extensions } }] }, headers);
}
