import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SignJWT } from 'jose';
import type { IdpState } from './idp-state.js';
import { loginClaims } from './login-claims.js';
import { readFormBody } from './read-form-body.js';
import { sendJson } from './send-response.js';

type TokenError = 'invalid_request' | 'invalid_client' | 'invalid_grant' | 'unsupported_grant_type';

/** OAuth 2.0 error response (RFC 6749 §5.2); descriptions are ASCII, as the RFC requires. */
function sendError(res: ServerResponse, error: TokenError, description: string): void {
  sendJson(res, error === 'invalid_client' ? 401 : 400, { error, error_description: description });
}

/** The client id from HTTP Basic authentication (RFC 6749 §2.3.1), if any. */
function basicClientId(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization ?? '';
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header);
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  try {
    return decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

/** OIDC Core §3.1.3.6: left half of the SHA-256 of the access token, base64url. */
function accessTokenHash(accessToken: string): string {
  const digest = createHash('sha256').update(accessToken, 'ascii').digest();
  return digest.subarray(0, digest.length / 2).toString('base64url');
}

/**
 * `POST /token`: trades a one-time authorization code for an access token and an ES256 ID token.
 * The client secret is accepted and ignored (the sandbox registers no clients); the client id and
 * redirect URI must be those the code was issued for. The code is consumed by the first attempt,
 * successful or not, so a leaked code cannot be retried.
 */
export async function handleToken(state: IdpState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readFormBody(req);
  if (!body.ok) {
    sendError(res, 'invalid_request', 'The body must be application/x-www-form-urlencoded and small.');
    return;
  }
  const form = body.form;
  const bodyClientId = form.get('client_id') ?? undefined;
  const headerClientId = basicClientId(req);
  if (bodyClientId !== undefined && headerClientId !== undefined && bodyClientId !== headerClientId) {
    sendError(res, 'invalid_client', 'client_id differs between the body and the Authorization header.');
    return;
  }
  const clientId = bodyClientId ?? headerClientId;
  const grantType = form.get('grant_type');
  if (!grantType) {
    sendError(res, 'invalid_request', 'Missing grant_type.');
    return;
  }
  if (grantType !== 'authorization_code') {
    sendError(res, 'unsupported_grant_type', 'Only grant_type=authorization_code is supported.');
    return;
  }
  const code = form.get('code');
  const redirectUri = form.get('redirect_uri');
  if (!code) {
    sendError(res, 'invalid_request', 'Missing code.');
    return;
  }
  if (!redirectUri) {
    sendError(res, 'invalid_request', 'Missing redirect_uri.');
    return;
  }
  if (!clientId) {
    sendError(res, 'invalid_request', 'Missing client_id.');
    return;
  }

  const taken = state.codes.take(code);
  if (!taken) {
    sendError(res, 'invalid_grant', 'Unknown or already used authorization code.');
    return;
  }
  if (taken.expired) {
    sendError(res, 'invalid_grant', 'Expired authorization code.');
    return;
  }
  const pending = taken.value;
  if (pending.clientId !== clientId) {
    sendError(res, 'invalid_grant', 'The authorization code was issued to another client_id.');
    return;
  }
  if (pending.redirectUri !== redirectUri) {
    sendError(res, 'invalid_grant', 'redirect_uri does not match the one of the authorization request.');
    return;
  }

  const claims = loginClaims(pending.login);
  const accessToken = randomBytes(32).toString('base64url');
  state.accessTokens.set(accessToken, claims, state.accessTokenTtlMs);
  const issuedAt = Math.floor(state.now() / 1000);
  state.grants.set(accessToken, {
    clientId, scope: pending.scope, claims, issuedAt, expiresAt: issuedAt + Math.floor(state.accessTokenTtlMs / 1000), jti: randomBytes(16).toString('base64url'),
  }, state.accessTokenTtlMs);

  const key = await state.key;
  const now = Math.floor(state.now() / 1000);
  const idToken = await new SignJWT({
    ...claims,
    auth_time: pending.login.authTime,
    // FranceConnect's eIDAS level for a plain login.
    acr: 'eidas1',
    at_hash: accessTokenHash(accessToken),
    ...(pending.nonce !== undefined ? { nonce: pending.nonce } : {}),
  })
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' })
    .setIssuer(state.issuer)
    .setAudience(clientId)
    .setSubject(claims.sub)
    .setIssuedAt(now)
    .setExpirationTime(now + state.idTokenTtlSeconds)
    .sign(key.privateKey);

  sendJson(
    res,
    200,
    {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: Math.floor(state.accessTokenTtlMs / 1000),
      id_token: idToken,
      scope: pending.scope,
    },
    { pragma: 'no-cache' },
  );
}
