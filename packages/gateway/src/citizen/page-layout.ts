import { createHash } from 'node:crypto';
import { escapeHtml } from './escape-html.js';

/** Inline styles only: the citizen pages load no external asset (no CDN, works offline). */
const STYLE = `
:root { color-scheme: light; --blue: #000091; --grey: #666; --line: #ddd; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #161616; background: #f6f6f6; }
header { background: #fff; border-bottom: 3px solid var(--blue); padding: 1rem 1.5rem; display: flex; justify-content: space-between; align-items: center; gap: 1rem; }
header p { margin: 0; font-weight: 700; }
header form { margin: 0; }
main { max-width: 52rem; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.6rem; margin-top: 0; }
h2 { font-size: 1.15rem; margin: 0 0 .25rem; }
section, .notice { background: #fff; padding: 1rem 1.25rem; border-radius: 4px; margin-bottom: 1.25rem; }
.notice { border-left: 4px solid var(--blue); }
ol.entries { list-style: none; padding: 0; margin: 0; display: grid; gap: 1rem; }
ol.entries article { background: #fff; padding: 1rem 1.25rem; border-radius: 4px; border: 1px solid var(--line); }
.siret, .source, .when { color: var(--grey); font-size: .9rem; }
.siret { font-weight: normal; }
dl { margin: .5rem 0 0; }
dt { font-weight: 600; margin-top: .5rem; }
dd { margin: 0; }
dd ul { margin: 0; padding-left: 1.25rem; }
a { color: var(--blue); }
nav.pages { margin-top: 1.25rem; }
.button { background: var(--blue); color: #fff; border: 0; padding: .5rem 1rem; border-radius: 4px; font: inherit; cursor: pointer; text-decoration: none; display: inline-block; }
.secondary { background: #fff; color: var(--blue); border: 1px solid var(--blue); padding: .4rem .9rem; border-radius: 4px; font: inherit; cursor: pointer; }
h3 { font-size: 1rem; margin: .75rem 0 .25rem; }
fieldset { border: 0; padding: 0; margin: 0 0 1.25rem; }
legend { font-weight: 700; margin-bottom: .5rem; }
.field { margin-bottom: 1rem; }
.field label { display: block; font-weight: 600; }
.hint { color: var(--grey); font-size: .9rem; margin: .15rem 0 .35rem; }
.error { color: #ce0500; font-weight: 600; margin: .15rem 0 .35rem; }
input[type=text] { width: 100%; max-width: 24rem; font: inherit; padding: .5rem; border: 1px solid #3a3a3a; border-radius: 4px; }
.field-error input { border: 2px solid #ce0500; }
.error-summary { border: 2px solid #ce0500; background: #fff; padding: 1rem 1.25rem; margin-bottom: 1.25rem; border-radius: 4px; }
.actions { display: flex; flex-wrap: wrap; gap: .75rem; }
.status { font-weight: 600; }
:focus-visible { outline: 3px solid #0a76f6; outline-offset: 2px; }
@media (max-width: 30rem) { main { padding: 1rem .75rem; } header { padding: .75rem; } .actions .button, .actions .secondary { flex: 1 1 100%; } }
`;

/**
 * The policy of every citizen page: nothing but this one stylesheet, no script at all, forms only
 * to ourselves, no framing. The style is allowed by its hash rather than 'unsafe-inline', so even
 * markup that escaped escaping can neither run nor restyle the page.
 */
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy();

/**
 * The same policy, with forms also allowed to end at `formTargets` (origins). The consent page's
 * form answers with a redirect to the operator, and browsers apply `form-action` to every hop of
 * that redirect: the operator's registered redirect URI origin must be listed, and only it.
 */
export function contentSecurityPolicy(formTargets: readonly string[] = []): string {
  return [
    "default-src 'none'",
    `style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`,
    ["form-action 'self'", ...formTargets].join(' '),
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export type PageChrome = {
  /** Rendered in the header when the citizen is logged in (the logout form). */
  headerAction?: string;
};

/** Wraps page content (already escaped HTML) in the common French document shell. */
export function renderPage(title: string, body: string, chrome: PageChrome = {}): string {
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)} — Particulier Hub</title>
<style>${STYLE}</style>
</head>
<body>
<header><p>Particulier Hub — votre espace</p>${chrome.headerAction ?? ''}</header>
<main>
${body}
</main>
</body>
</html>
`;
}
