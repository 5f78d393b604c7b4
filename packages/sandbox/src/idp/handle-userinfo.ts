import type { IncomingMessage, ServerResponse } from 'node:http';
import type { IdpState } from './idp-state.js';
import { sendJson } from './send-response.js';

/**
 * `GET /userinfo` (POST too, as OIDC Core §5.3.1 allows): the claims of the citizen for a live
 * access token. Errors follow RFC 6750 §3: 401 with a `WWW-Authenticate: Bearer` challenge.
 */
export function handleUserinfo(state: IdpState, req: IncomingMessage, res: ServerResponse): void {
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  if (!match?.[1]) {
    sendJson(res, 401, { error: 'invalid_request', error_description: 'Missing Bearer access token.' }, {
      'www-authenticate': 'Bearer realm="sandbox-idp"',
    });
    return;
  }
  const claims = state.accessTokens.get(match[1]);
  if (!claims) {
    sendJson(res, 401, { error: 'invalid_token', error_description: 'Unknown or expired access token.' }, {
      'www-authenticate': 'Bearer realm="sandbox-idp", error="invalid_token"',
    });
    return;
  }
  sendJson(res, 200, claims);
}
