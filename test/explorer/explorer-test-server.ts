import { createServer, type IncomingMessage, type ServerResponse, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createExplorer, type Explorer } from '@hub/gateway';

export type ExplorerTestServer = { url: string; explorer: Explorer; close(): Promise<void> };

type Route = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/**
 * A bare node:http server with the explorer page at `/` and its asset mount, plus optional extra
 * routes (the browser test adds a fake `/graphql`). The mount gets the raw rest of the request
 * target, as the hub's router passes it, so traversal strings reach the explorer's own check.
 */
export async function startExplorerServer(routes: Record<string, Route> = {}): Promise<ExplorerTestServer> {
  const explorer = createExplorer();
  const server: Server = createServer((req, res) => {
    const raw = req.url ?? '/';
    const path = raw.split('?', 1)[0]!;
    const extra = routes[path];
    const done = (error: unknown) => {
      if (!res.headersSent) res.writeHead(500).end(String(error));
    };
    if (extra) {
      Promise.resolve(extra(req, res)).catch(done);
    } else if (path === '/') {
      explorer.handlePage(req, res);
    } else if (raw.startsWith(`${explorer.assets.prefix}/`)) {
      explorer.assets.handle(req, res, raw.slice(explorer.assets.prefix.length)).catch(done);
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    explorer,
    close: () => new Promise<void>((resolve, reject) => {
      server.closeAllConnections();
      server.close((error) => (error ? reject(error) : resolve()));
    }),
  };
}
