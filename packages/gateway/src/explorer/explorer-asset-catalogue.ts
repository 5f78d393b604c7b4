import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { EXPLORER_BOOT_SCRIPT } from './explorer-boot-script.js';
import { EXPLORER_STYLESHEET } from './explorer-stylesheet.js';
import { createStaticAsset, type StaticAsset } from './static-asset.js';

const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

/** Where a served file comes from: an installed npm package, or this module's own text. */
type AssetSource =
  | { name: string; contentType: string; packageName: string; file: string }
  | { name: string; contentType: string; text: string };

/**
 * The closed allow-list of explorer files, in page order. Nothing else is ever read from disk for a
 * request: the URL only selects an entry of this list by exact name, so no path can escape it.
 * React 18 and GraphiQL 3 ship UMD builds that run without a bundler (GraphiQL 4+ needs one).
 */
export const EXPLORER_ASSET_SOURCES: readonly AssetSource[] = [
  { name: 'graphiql.min.css', contentType: CSS, packageName: 'graphiql', file: 'graphiql.min.css' },
  { name: 'explorer.css', contentType: CSS, text: EXPLORER_STYLESHEET },
  { name: 'react.production.min.js', contentType: JS, packageName: 'react', file: 'umd/react.production.min.js' },
  { name: 'react-dom.production.min.js', contentType: JS, packageName: 'react-dom', file: 'umd/react-dom.production.min.js' },
  { name: 'graphiql.min.js', contentType: JS, packageName: 'graphiql', file: 'graphiql.min.js' },
  { name: 'explorer.js', contentType: JS, text: EXPLORER_BOOT_SCRIPT },
];

/**
 * Reads every allow-listed file once. Package files are located through the package's own
 * `package.json` (React's `exports` map hides `umd/`), resolved from this module like an import.
 * A missing package fails here, at start-up, rather than on the first page view.
 */
export function loadExplorerAssets(): Map<string, StaticAsset> {
  const require = createRequire(import.meta.url);
  const assets = new Map<string, StaticAsset>();
  for (const source of EXPLORER_ASSET_SOURCES) {
    let body: Buffer;
    if ('text' in source) {
      body = Buffer.from(source.text, 'utf8');
    } else {
      const root = dirname(require.resolve(`${source.packageName}/package.json`));
      body = stripSourceMapComment(readFileSync(join(root, source.file)));
    }
    assets.set(source.name, createStaticAsset(source.name, source.contentType, body));
  }
  return assets;
}

/**
 * The `sourceMappingURL` trailer names a `.map` file that is not served (6 MB, outside the
 * allow-list); dropping it spares browsers with dev tools open a 404 per bundle.
 */
function stripSourceMapComment(body: Buffer): Buffer {
  const tail = body.subarray(Math.max(0, body.length - 300)).toString('utf8');
  const match = /\n*(\/\/# sourceMappingURL=\S+|\/\*# sourceMappingURL=[^*\s]+\s*\*\/)\s*$/.exec(tail);
  if (!match) return body;
  return body.subarray(0, body.length - Buffer.byteLength(match[0], 'utf8'));
}
