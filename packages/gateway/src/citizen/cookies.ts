import type { IncomingMessage } from 'node:http';

/** The request's cookies by name (first occurrence wins, as browsers send the most specific first). */
export function readCookies(req: IncomingMessage): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (name !== '' && !cookies.has(name)) cookies.set(name, part.slice(eq + 1).trim());
  }
  return cookies;
}

export type CookieAttributes = { path: string; secure: boolean; maxAgeSeconds: number };

/**
 * A `Set-Cookie` value: HttpOnly (no script reads it), SameSite=Lax (not sent on cross-site
 * POSTs, still sent on the IdP's top-level redirect back to the callback), Secure over https.
 * Values are JWE compact strings, which need no quoting.
 */
export function serializeCookie(name: string, value: string, attributes: CookieAttributes): string {
  return [
    `${name}=${value}`,
    `Path=${attributes.path}`,
    `Max-Age=${attributes.maxAgeSeconds}`,
    'HttpOnly',
    'SameSite=Lax',
    ...(attributes.secure ? ['Secure'] : []),
  ].join('; ');
}
