import { escapeHtml } from './escape-html.js';

/** The logout button: a POST carrying the session's anti-forgery token. */
export function renderLogoutForm(action: string, csrfToken: string): string {
  return `<form method="post" action="${escapeHtml(action)}">
<input type="hidden" name="csrf" value="${escapeHtml(csrfToken)}">
<button type="submit" class="secondary">Se déconnecter</button>
</form>`;
}
