import { escapeHtml } from './escape-html.js';
import { renderPage } from './page-layout.js';

/** A short page with a title, a message and an optional link (errors, logout confirmation). */
export function renderMessagePage(title: string, message: string, link?: { href: string; label: string }): string {
  const action = link ? `\n<p><a class="button" href="${escapeHtml(link.href)}">${escapeHtml(link.label)}</a></p>` : '';
  return renderPage(title, `<h1>${escapeHtml(title)}</h1>\n<section><p>${escapeHtml(message)}</p>${action}</section>`);
}
