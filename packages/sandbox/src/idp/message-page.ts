import { escapeHtml } from './escape-html.js';
import { renderPageLayout } from './page-layout.js';

/** A short page with a title and a message: request errors, logout confirmation. */
export function renderMessagePage(title: string, message: string): string {
  return renderPageLayout(title, `<h1>${escapeHtml(title)}</h1>\n<section><p>${escapeHtml(message)}</p></section>`);
}
