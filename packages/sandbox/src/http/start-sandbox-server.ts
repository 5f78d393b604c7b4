import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FaultConfig } from '../admin/fault-config.js';
import { createSandbox } from './create-sandbox.js';

/** Runs the sandbox alone on its own port, mounted at the root (`npm run sandbox`, compose). */
export async function startSandboxServer(opts: {
  port: number;
  host?: string;
  token?: string;
  faults?: FaultConfig[];
  /** Where browsers reach this server (a reverse proxy's origin and path); default its own URL. */
  publicUrl?: string;
}): Promise<{ url: string; close(): Promise<void> }> {
  const host = opts.host ?? '127.0.0.1';
  let sandbox: ReturnType<typeof createSandbox> | undefined;
  const server = createServer((req, res) => {
    void sandbox?.handle(req, res, req.url ?? '/');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  // The public URL is only known once the port is (port 0 = ephemeral).
  sandbox = createSandbox({
    publicUrl: opts.publicUrl ?? url,
    ...(opts.token !== undefined && { token: opts.token }),
    ...(opts.faults !== undefined && { faults: opts.faults }),
  });
  return {
    url,
    async close() {
      await sandbox?.close();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
