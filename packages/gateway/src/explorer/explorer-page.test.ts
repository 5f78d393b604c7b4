import { describe, expect, it } from '@jest/globals';
import { renderExplorerPage } from './explorer-page.js';

const base = {
  graphqlPath: '/graphql',
  stylesheets: ['/a/x.css?v=1'],
  scripts: ['/a/x.js?v=1'],
  defaultQuery: '{ viewer { name } }',
  tokenStorageKey: 'k',
  graphiqlStoragePrefix: 'p:',
};

function configBlock(html: string): string {
  const match = /<script type="application\/json" id="hub-explorer-config">([\s\S]*?)<\/script>/.exec(html);
  if (!match) throw new Error('no config block');
  return match[1]!;
}

describe('renderExplorerPage', () => {
  it('keeps a hostile default query inside the JSON block, intact once parsed', () => {
    const query = '# </script><script>alert(1)</script> <!-- \u2028';
    const html = renderExplorerPage({ ...base, defaultQuery: query });
    expect(html).not.toContain('<script>alert(1)');
    expect(html.match(/<\/script>/g)).toHaveLength(2); // the one external script + the JSON block
    expect((JSON.parse(configBlock(html)) as { defaultQuery: string }).defaultQuery).toBe(query);
  });

  it('escapes attribute values of asset URLs and the GraphQL path', () => {
    const html = renderExplorerPage({ ...base, graphqlPath: '/g"<x>', scripts: ['/a/x.js?v=1&y="z"'] });
    expect(html).toContain('src="/a/x.js?v=1&#38;y=&#34;z&#34;"');
    expect(html).toContain('<code>/g&#34;&#60;x&#62;</code>');
    expect(html).not.toContain('/g"<x>');
  });

  it('loads scripts with defer in the given order, stylesheets as links', () => {
    const html = renderExplorerPage({ ...base, scripts: ['/1.js', '/2.js', '/3.js'] });
    const srcs = [...html.matchAll(/<script defer src="([^"]+)"><\/script>/g)].map((m) => m[1]);
    expect(srcs).toEqual(['/1.js', '/2.js', '/3.js']);
    expect(html).toContain('<link rel="stylesheet" href="/a/x.css?v=1">');
  });
});
