import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Mount } from '../http/mount.js';
import { sendJson } from '../http/respond.js';
import { EXPLORER_ASSET_SOURCES, loadExplorerAssets } from './explorer-asset-catalogue.js';
import { EXPLORER_CSP_HEADER } from './explorer-csp.js';
import { renderExplorerPage } from './explorer-page.js';
import { sendStaticAsset } from './static-asset.js';

/** The first query an operator sees: who the hub thinks they are, and what they may read. */
export const EXPLORER_DEFAULT_QUERY = `# Jeton opérateur : champ en haut de page.
# Exécuter : Ctrl+Entrée.
# Particulier : person(consent: "…") { … }
{
  viewer {
    name
    siret
    scopes
  }
}
`;

export type ExplorerOptions = {
  /** Where the page's fetcher sends queries. Default `/graphql`. */
  graphqlPath?: string;
  /** URL prefix of the asset mount. Default `/explorer/assets`. */
  assetsPrefix?: string;
  defaultQuery?: string;
};

export type Explorer = {
  /** The page's HTML (asset URLs carry a content hash, so the page itself must not be cached long). */
  html(): string;
  /** Response headers for the page, CSP included. */
  readonly pageHeaders: Readonly<Record<string, string>>;
  /** GET/HEAD `/`: the page with `pageHeaders`; other methods get 405. */
  handlePage(req: IncomingMessage, res: ServerResponse): void;
  /** GraphiQL, React and the page's own script and stylesheet, from an allow-list, under `assetsPrefix`. */
  readonly assets: Mount;
};

const TOKEN_STORAGE_KEY = 'particulier-hub:operator-token';
const GRAPHIQL_STORAGE_PREFIX = 'particulier-hub:graphiql:';

/**
 * The operator's GraphQL explorer: GraphiQL served entirely by the hub from installed npm packages
 * (no CDN), with a « Jeton opérateur » field whose value goes out as `Authorization: Bearer`.
 * Files are read once here, so a missing package stops start-up instead of breaking the page later.
 */
export function createExplorer(options: ExplorerOptions = {}): Explorer {
  const graphqlPath = options.graphqlPath ?? '/graphql';
  const assetsPrefix = (options.assetsPrefix ?? '/explorer/assets').replace(/\/+$/, '');
  const assets = loadExplorerAssets();
  const urlOf = (name: string): string => {
    const asset = assets.get(name);
    if (!asset) throw new Error(`Explorer asset ${name} is not in the allow-list.`);
    return `${assetsPrefix}/${asset.name}?v=${asset.hash}`;
  };
  const html = renderExplorerPage({
    graphqlPath,
    stylesheets: EXPLORER_ASSET_SOURCES.filter((s) => s.name.endsWith('.css')).map((s) => urlOf(s.name)),
    scripts: EXPLORER_ASSET_SOURCES.filter((s) => s.name.endsWith('.js')).map((s) => urlOf(s.name)),
    defaultQuery: options.defaultQuery ?? EXPLORER_DEFAULT_QUERY,
    tokenStorageKey: TOKEN_STORAGE_KEY,
    graphiqlStoragePrefix: GRAPHIQL_STORAGE_PREFIX,
  });
  const pageBytes = Buffer.from(html, 'utf8');
  const pageHeaders: Record<string, string> = {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-cache',
    'content-security-policy': EXPLORER_CSP_HEADER,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
  };

  return {
    html: () => html,
    pageHeaders,
    handlePage(req, res) {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        sendJson(res, 405, { error: 'method_not_allowed', message: 'Use GET on the explorer page.' }, { allow: 'GET, HEAD' });
        return;
      }
      res.writeHead(200, { ...pageHeaders, 'content-length': String(pageBytes.length) });
      res.end(req.method === 'HEAD' ? undefined : pageBytes);
    },
    assets: {
      prefix: assetsPrefix,
      async handle(req, res, path) {
        // `path` is the rest of the raw request target: drop the `?v=` version, then look the name
        // up as-is. No decoding, no joining: `..`, `%2e%2e` or `a/b` are simply not in the list.
        const name = path.split('?', 1)[0]!.replace(/^\//, '');
        const asset = assets.get(name);
        if (!asset) {
          sendJson(res, 404, { error: 'not_found', message: 'No such explorer asset.' });
          return;
        }
        if (req.method !== 'GET' && req.method !== 'HEAD') {
          sendJson(res, 405, { error: 'method_not_allowed', message: 'Use GET for explorer assets.' }, { allow: 'GET, HEAD' });
          return;
        }
        await sendStaticAsset(req, res, asset);
      },
    },
  };
}
