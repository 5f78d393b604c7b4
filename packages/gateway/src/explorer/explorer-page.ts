import { EXPLORER_CSP_META } from './explorer-csp.js';

/** What the page needs to know; asset URLs arrive already versioned. */
export type ExplorerPageOptions = {
  graphqlPath: string;
  stylesheets: readonly string[];
  scripts: readonly string[];
  defaultQuery: string;
  tokenStorageKey: string;
  graphiqlStoragePrefix: string;
};

/**
 * The explorer page: a header with the operator token field and a short help text, and a container
 * that the served boot script fills with GraphiQL. No inline script or style (see the CSP); the
 * settings travel in a JSON data block, which browsers never execute.
 */
export function renderExplorerPage(options: ExplorerPageOptions): string {
  const config = {
    graphqlPath: options.graphqlPath,
    defaultQuery: options.defaultQuery,
    tokenStorageKey: options.tokenStorageKey,
    graphiqlStoragePrefix: options.graphiqlStoragePrefix,
  };
  const links = options.stylesheets.map((href) => `<link rel="stylesheet" href="${escapeHtml(href)}">`).join('\n    ');
  // `defer` keeps document order: React, ReactDOM, GraphiQL, then the boot script.
  const scripts = options.scripts.map((src) => `<script defer src="${escapeHtml(src)}"></script>`).join('\n    ');
  return `<!doctype html>
<html lang="fr">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta http-equiv="Content-Security-Policy" content="${escapeHtml(EXPLORER_CSP_META)}">
    <meta name="referrer" content="no-referrer">
    <link rel="icon" href="data:,">
    <title>Explorateur GraphQL — Particulier Hub</title>
    ${links}
    ${scripts}
  </head>
  <body>
    <header class="hub-explorer-header">
      <h1>Explorateur GraphQL — Particulier Hub</h1>
      <form id="hub-token-form" class="hub-token-form" autocomplete="off">
        <label for="hub-operator-token">Jeton opérateur</label>
        <input id="hub-operator-token" name="operator-token" type="password" autocomplete="off"
          spellcheck="false" placeholder="Collez ici votre jeton opérateur (JWT)">
        <button type="button" id="hub-token-clear">Effacer</button>
        <span id="hub-token-status" class="hub-token-status" role="status"></span>
      </form>
      <p class="hub-explorer-help">
        Le jeton est envoyé dans l'en-tête <code>Authorization: Bearer …</code> de chaque requête vers
        <code>${escapeHtml(options.graphqlPath)}</code> et n'est gardé que pour cet onglet.
        La requête par défaut <code>viewer</code> décrit votre habilitation. Pour lire les données
        d'un particulier, passez le jeton de consentement qu'il vous a accordé :
        <code>person(consent: "&lt;jeton de consentement&gt;") { … }</code>
        (ou <code>persons(consents: […])</code> pour plusieurs).
      </p>
    </header>
    <main id="graphiql">Chargement de l'explorateur…</main>
    <noscript>L'explorateur GraphQL a besoin de JavaScript.</noscript>
    <script type="application/json" id="hub-explorer-config">${jsonForScriptBlock(config)}</script>
  </body>
</html>
`;
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON inside `<script>`: escape `<` so no `</script>` or `<!--` can end or alter the block. */
function jsonForScriptBlock(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
