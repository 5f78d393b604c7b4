export { createExplorer, EXPLORER_DEFAULT_QUERY, type Explorer, type ExplorerOptions } from './create-explorer.js';
export { EXPLORER_CSP_HEADER } from './explorer-csp.js';
