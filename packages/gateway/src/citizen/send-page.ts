import type { ServerResponse } from 'node:http';
import { CONTENT_SECURITY_POLICY, contentSecurityPolicy } from './page-layout.js';

/**
 * Pages about one citizen: never cached, never framed, no referrer outside the hub. Not
 * `no-referrer`: under it browsers send `Origin: null` with the logout form, which the CSRF check
 * rightly refuses (seen in Chromium).
 */
const PAGE_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'same-origin',
  'cache-control': 'no-store',
} as const;

export type Cookies = string[];

/** `formTargets`: origins the page's forms may end at besides the hub (see contentSecurityPolicy). */
export function sendHtml(res: ServerResponse, status: number, html: string, cookies: Cookies = [], formTargets: readonly string[] = []): void {
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
  const csp = formTargets.length > 0 ? { 'content-security-policy': contentSecurityPolicy(formTargets) } : {};
  res.writeHead(status, { ...PAGE_HEADERS, ...csp, 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(html) });
  res.end(html);
}

export function sendJson(res: ServerResponse, status: number, body: unknown, cookies: Cookies = []): void {
  const payload = JSON.stringify(body);
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(payload),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(payload);
}

/** 303: the browser follows with a GET whatever the method that got here. */
export function sendRedirect(res: ServerResponse, location: string, cookies: Cookies = []): void {
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
  res.writeHead(303, { location, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
  res.end();
}
