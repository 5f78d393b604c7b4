import type { IncomingMessage } from 'node:http';
import type { CheckTokenCase } from '../franceconnect/staging-check-token-cases.js';
import type { AccessGrant } from '../idp/idp-state.js';
import type { FranceConnectIdentity } from './route.js';

/**
 * Whom the bearer of a `/france_connect` route designates, as API Particulier learns it from
 * FranceConnect's check-token: a staging check-token case by its token (`ants`, `all_fc`…), else
 * a live access token of the sandbox IdP; undefined for anything else (the route answers 401).
 */
export function franceConnectBearer(
  req: IncomingMessage,
  cases: ReadonlyMap<string, CheckTokenCase>,
  grantOf: (accessToken: string) => AccessGrant | undefined,
): FranceConnectIdentity | undefined {
  const header = req.headers.authorization;
  if (header === undefined || !/^Bearer\s+/i.test(header)) return undefined;
  const token = header.replace(/^Bearer\s+/i, '').trim();
  const claims = cases.get(token)?.payload.token_introspection ?? grantOf(token)?.claims;
  if (!claims || claims.active === false) return undefined;
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  return { familyName: text(claims.family_name), givenName: text(claims.given_name), birthdate: text(claims.birthdate) };
}
