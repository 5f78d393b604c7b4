import { timingSafeEqual } from 'node:crypto';
import { errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { CitizenLoginError } from './citizen-login-error.js';

/**
 * Algorithms accepted for ID tokens: FranceConnect signs with ES256 (RS256 on older
 * integrations). Pinning them keeps `none` and HS256-with-the-public-key out.
 */
export const ID_TOKEN_ALGORITHMS = ['ES256', 'RS256'] as const;

export type IdTokenExpectations = {
  issuer: string;
  clientId: string;
  /** The nonce sent in the authorization request (kept in the login cookie). */
  nonce: string;
  /** Milliseconds since the epoch. */
  now: number;
};

function sameString(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Verifies an ID token as OIDC Core §3.1.3.7 requires: signature by a key of the provider's JWKS
 * with a pinned algorithm, `iss` = the provider, `aud` contains our client id (and `azp` names us
 * when there are several audiences), `exp` in the future, and `nonce` = the one we sent. Returns
 * the claims; throws `CitizenLoginError('id_token_invalid')` with jose's error code as reason.
 */
export async function verifyIdToken(idToken: string, keys: JWTVerifyGetKey, expected: IdTokenExpectations): Promise<JWTPayload> {
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(idToken, keys, {
      algorithms: [...ID_TOKEN_ALGORITHMS],
      issuer: expected.issuer,
      audience: expected.clientId,
      currentDate: new Date(expected.now),
      requiredClaims: ['sub', 'exp', 'iat', 'nonce'],
      // Small clock drift between the provider and us.
      clockTolerance: 30,
    }));
  } catch (error) {
    if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) {
      throw new CitizenLoginError('idp_unavailable', error.code);
    }
    if (error instanceof errors.JOSEError) {
      const claim = error instanceof errors.JWTClaimValidationFailed ? ` (${error.claim})` : '';
      throw new CitizenLoginError('id_token_invalid', `${error.code}${claim}`);
    }
    // jose lets the fetch error of the JWKS through as is.
    throw new CitizenLoginError('idp_unavailable', 'jwks unreachable');
  }
  if (typeof payload.nonce !== 'string' || !sameString(payload.nonce, expected.nonce)) {
    throw new CitizenLoginError('id_token_invalid', 'nonce mismatch');
  }
  if (Array.isArray(payload.aud) && payload.aud.length > 1 && payload['azp'] !== expected.clientId) {
    throw new CitizenLoginError('id_token_invalid', 'azp mismatch');
  }
  return payload;
}
