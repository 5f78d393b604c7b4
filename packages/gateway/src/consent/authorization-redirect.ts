/**
 * The browser's way back to the operator: the registered redirect URI plus RFC 6749 §4.1.2
 * parameters (`code` or `error` + `error_description`), `state` when the operator sent one, and
 * `iss` (RFC 9207) so the operator can tell which authorization server answered.
 */
export function authorizationRedirect(redirectUri: string, issuer: string, state: string | null, params: Record<string, string>): string {
  const target = new URL(redirectUri);
  for (const [name, value] of Object.entries(params)) target.searchParams.set(name, value);
  if (state !== null) target.searchParams.set('state', state);
  target.searchParams.set('iss', issuer);
  return target.toString();
}
