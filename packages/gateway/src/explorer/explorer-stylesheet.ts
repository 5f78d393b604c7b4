/**
 * The page's own stylesheet (header with the token field; GraphiQL fills the rest). Served as an
 * asset rather than inlined because the page's CSP forbids inline styles.
 */
export const EXPLORER_STYLESHEET = `
html, body { height: 100%; margin: 0; }
body {
  display: flex;
  flex-direction: column;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: #161616;
}
.hub-explorer-header {
  flex: 0 0 auto;
  padding: 0.5rem 1rem;
  border-bottom: 1px solid #ddd;
  background: #f6f6f6;
}
.hub-explorer-header h1 { font-size: 1.1rem; margin: 0 0 0.4rem; }
.hub-token-form { display: flex; align-items: center; gap: 0.5rem; flex-wrap: wrap; }
.hub-token-form label { font-weight: 600; }
.hub-token-form input { flex: 1 1 24rem; max-width: 48rem; padding: 0.3rem 0.5rem; font-family: ui-monospace, monospace; }
.hub-token-status { font-size: 0.85rem; color: #555; }
.hub-explorer-help { margin: 0.4rem 0 0; font-size: 0.85rem; color: #333; }
.hub-explorer-help code { background: #e8e8e8; padding: 0 0.2rem; border-radius: 2px; }
#graphiql { flex: 1 1 auto; min-height: 0; }
`;
