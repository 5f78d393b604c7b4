#!/usr/bin/env node
// `npm run sandbox`: the sandbox upstreams and IdP alone, on their own port.
import { ConfigError, readSandboxConfig } from '../config/sandbox-config.js';
import { startSandboxServer } from '../http/start-sandbox-server.js';

try {
  const config = readSandboxConfig(process.env);
  const server = await startSandboxServer(config);
  process.stdout.write(`Sandbox upstreams listening on ${server.url} (IdP at ${server.url}/idp, issuer ${config.publicUrl ?? server.url}/idp)\n`);
  const stop = () => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`sandbox: ${error.message}\n`);
    process.exit(2);
  }
  throw error;
}
