// The sandbox upstreams alone, in their own process, so upstream work never counts as hub CPU.
import { startSandboxServer } from '@hub/sandbox';
import { serveChild } from '../lib/child-protocol.js';

serveChild(async ({ token }) => {
  const server = await startSandboxServer({ port: 0, host: '127.0.0.1', token });
  return { info: { url: server.url }, stop: () => server.close() };
});
