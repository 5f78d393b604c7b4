import type { ServerResponse } from 'node:http';
import { isHttpUri } from './authorize-request.js';
import { renderMessagePage } from './message-page.js';
import { sendHtml, sendRedirect } from './send-response.js';

/**
 * `GET /logout` (RP-initiated logout). The sandbox keeps no session, so there is nothing to end:
 * it sends the browser back to `post_logout_redirect_uri` (with `state`) when that is an http(s)
 * URI registered for the client (any http(s) URI when none are registered), and otherwise shows a
 * confirmation page.
 */
export function handleLogout(res: ServerResponse, query: URLSearchParams, registered: ReadonlySet<string> | null = null): void {
  const target = query.get('post_logout_redirect_uri');
  if (target && isHttpUri(target) && (!registered || registered.has(target))) {
    const url = new URL(target);
    const state = query.get('state');
    if (state) url.searchParams.set('state', state);
    sendRedirect(res, url.toString());
    return;
  }
  sendHtml(res, 200, renderMessagePage('Vous êtes déconnecté', 'Vous êtes déconnecté du fournisseur d’identité du bac à sable. Vous pouvez fermer cette page.'));
}
