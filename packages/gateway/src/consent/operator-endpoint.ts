import type { IncomingMessage, ServerResponse } from 'node:http';
import { isHubError } from '@hub/core';
import type { Authenticator } from '../auth/authenticator.js';
import type { Principal } from '../auth/principal.js';
import { sendJson } from '../citizen/send-page.js';

/** RFC 6749 §5.2 error codes of the operator-facing endpoints (`/consent/par`, `/consent/token`). */
export type OAuthErrorCode = 'invalid_request' | 'invalid_client' | 'invalid_grant' | 'unsupported_grant_type' | 'invalid_scope' | 'unsupported_response_type' | 'access_denied';

/** An RFC 6749 §5.2 JSON error (`no-store`); never a stack trace. */
export function sendOAuthError(res: ServerResponse, status: number, error: OAuthErrorCode, description: string, headers: Record<string, string> = {}): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  sendJson(res, status, { error, error_description: description });
}

/**
 * The operator behind an operator-facing endpoint: the same Bearer operator token as /graphql,
 * verified by the same authenticator. On failure answers 401 `invalid_client` (RFC 6749 §5.2)
 * with the authenticator's reason, and resolves with null.
 */
export async function authenticateOperator(authenticator: Authenticator, req: IncomingMessage, res: ServerResponse): Promise<Principal | null> {
  try {
    return await authenticator.authenticate(req.headers.authorization);
  } catch (error) {
    if (!isHubError(error)) throw error;
    const reason = typeof error.extensions?.['reason'] === 'string' ? error.extensions['reason'] : 'invalid_token';
    req.resume();
    sendOAuthError(res, 401, 'invalid_client', `${error.message} (reason: ${reason})`, {
      'www-authenticate': 'Bearer realm="particulier-hub", error="invalid_token"',
    });
    return null;
  }
}
