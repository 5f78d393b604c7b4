/**
 * The browser-side script of the explorer page, served as an asset because the page's CSP forbids
 * inline scripts. It runs after the React, ReactDOM and GraphiQL UMD bundles (all `defer`, in
 * document order) and reads its settings from the page's `application/json` block.
 *
 * Why it is written this way:
 * - The operator token lives in `sessionStorage` (this tab only, gone when it closes), never in
 *   `localStorage`; GraphiQL's own storage (tabs, history) is namespaced into `sessionStorage` too,
 *   because queries may carry consent tokens.
 * - GraphiQL's headers editor is disabled so the token is not pasted where GraphiQL would persist it.
 * - The fetcher reads the token field at call time, so a query run right after typing uses it; a new
 *   fetcher identity is rendered once the token settles, which makes GraphiQL re-run introspection
 *   (it fails without a valid token).
 *
 * Plain ES2020, no template literals: it is embedded in a TypeScript template string.
 */
export const EXPLORER_BOOT_SCRIPT = `(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('hub-explorer-config').textContent);
  var input = document.getElementById('hub-operator-token');
  var form = document.getElementById('hub-token-form');
  var clearButton = document.getElementById('hub-token-clear');
  var status = document.getElementById('hub-token-status');
  var container = document.getElementById('graphiql');

  function storageGet(key) {
    try { return window.sessionStorage.getItem(key) || ''; } catch (e) { return ''; }
  }
  function storageSet(key, value) {
    try {
      if (value) window.sessionStorage.setItem(key, value);
      else window.sessionStorage.removeItem(key);
    } catch (e) { /* storage disabled: the token still works for this page view */ }
  }

  // GraphiQL's Storage, namespaced inside sessionStorage so that its clear() leaves the token alone.
  var prefix = config.graphiqlStoragePrefix;
  function ownKeys() {
    var keys = [];
    for (var i = 0; i < window.sessionStorage.length; i += 1) {
      var key = window.sessionStorage.key(i);
      if (key !== null && key.indexOf(prefix) === 0) keys.push(key);
    }
    return keys;
  }
  var graphiqlStorage = {
    getItem: function (key) { return window.sessionStorage.getItem(prefix + key); },
    setItem: function (key, value) { window.sessionStorage.setItem(prefix + key, value); },
    removeItem: function (key) { window.sessionStorage.removeItem(prefix + key); },
    clear: function () { ownKeys().forEach(function (key) { window.sessionStorage.removeItem(key); }); },
    key: function (index) { var key = ownKeys()[index]; return key === undefined ? null : key.slice(prefix.length); },
    get length() { return ownKeys().length; }
  };

  function currentToken() { return input.value.trim(); }

  function showStatus() {
    status.textContent = currentToken() ? 'Jeton saisi (gardé pour cet onglet).' : 'Aucun jeton : les requêtes seront refusées.';
  }

  function createFetcher() {
    return async function fetcher(params) {
      var headers = { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' };
      var token = currentToken();
      if (token) headers.authorization = 'Bearer ' + token;
      var response = await fetch(config.graphqlPath, {
        method: 'POST',
        headers: headers,
        body: JSON.stringify(params),
        credentials: 'omit'
      });
      var text = await response.text();
      try {
        return JSON.parse(text);
      } catch (e) {
        return { errors: [{ message: 'Réponse non JSON du hub (HTTP ' + response.status + ').' }] };
      }
    };
  }

  var root = window.ReactDOM.createRoot(container);
  var renderedToken = null;
  function render() {
    var token = currentToken();
    if (token === renderedToken) return;
    renderedToken = token;
    root.render(window.React.createElement(window.GraphiQL, {
      fetcher: createFetcher(),
      defaultQuery: config.defaultQuery,
      storage: graphiqlStorage,
      isHeadersEditorEnabled: false,
      shouldPersistHeaders: false
    }));
  }

  var timer = 0;
  function tokenChanged() {
    storageSet(config.tokenStorageKey, currentToken());
    showStatus();
    window.clearTimeout(timer);
    timer = window.setTimeout(render, 400);
  }

  input.value = storageGet(config.tokenStorageKey);
  input.addEventListener('input', tokenChanged);
  input.addEventListener('change', function () { window.clearTimeout(timer); storageSet(config.tokenStorageKey, currentToken()); showStatus(); render(); });
  form.addEventListener('submit', function (event) { event.preventDefault(); window.clearTimeout(timer); render(); });
  clearButton.addEventListener('click', function () { input.value = ''; tokenChanged(); input.focus(); });
  showStatus();
  render();
})();
`;
