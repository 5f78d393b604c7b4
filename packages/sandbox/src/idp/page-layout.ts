import { escapeHtml } from './escape-html.js';

/** Inline styles only: the IdP pages load no external asset (no CDN, works offline). */
const STYLE = `
  :root { color-scheme: light; --blue: #000091; --red: #c9191e; --grey: #666; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #161616; background: #f6f6f6; }
  header { background: #fff; border-bottom: 3px solid var(--blue); padding: 1rem 1.5rem; }
  header p { margin: 0; font-weight: 700; }
  main { max-width: 48rem; margin: 0 auto; padding: 1.5rem; }
  h1 { font-size: 1.6rem; margin-top: 0; }
  h2 { font-size: 1.25rem; margin-top: 2rem; }
  section, .notice { background: #fff; padding: 1rem 1.25rem; border-radius: 4px; margin-bottom: 1.25rem; }
  .notice { border-left: 4px solid var(--blue); }
  .alert { background: #fff; border-left: 4px solid var(--red); padding: 1rem 1.25rem; margin-bottom: 1.25rem; }
  .alert h2 { margin-top: 0; color: var(--red); font-size: 1.1rem; }
  ul.personas { list-style: none; padding: 0; margin: 0; display: grid; gap: .5rem; }
  ul.personas button { width: 100%; text-align: left; background: #fff; border: 1px solid #ddd; border-radius: 4px; padding: .75rem 1rem; cursor: pointer; font: inherit; }
  ul.personas button:hover, ul.personas button:focus { border-color: var(--blue); outline: 2px solid var(--blue); }
  .persona-label { display: block; font-weight: 700; color: var(--blue); }
  .persona-description { display: block; color: var(--grey); font-size: .9rem; }
  .field { margin-bottom: 1rem; }
  .field label, fieldset legend { display: block; font-weight: 600; }
  .hint { display: block; color: var(--grey); font-size: .85rem; }
  .field input[type=text], .field input[type=date] { width: 100%; max-width: 24rem; padding: .4rem .5rem; font: inherit; border: 1px solid #929292; border-radius: 4px; }
  .field input[aria-invalid=true] { border-color: var(--red); }
  .error { display: block; color: var(--red); font-size: .9rem; }
  fieldset { border: 0; padding: 0; margin: 0 0 1rem; }
  .primary { background: var(--blue); color: #fff; border: 0; padding: .6rem 1.2rem; border-radius: 4px; font: inherit; cursor: pointer; }
  .secondary { background: #fff; color: var(--blue); border: 1px solid var(--blue); padding: .5rem 1rem; border-radius: 4px; font: inherit; cursor: pointer; }
  code { overflow-wrap: anywhere; }
`;

/** Wraps page content (already escaped HTML) in the common French document shell. */
export function renderPageLayout(title: string, body: string): string {
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)} — fournisseur d’identité du bac à sable</title>
<style>${STYLE}</style>
</head>
<body>
<header><p>Fournisseur d’identité du bac à sable</p></header>
<main>
${body}
</main>
</body>
</html>
`;
}
