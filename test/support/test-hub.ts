import { createServer } from 'node:net';
import { createHub, loadConfig, type CreateHubOptions, type Hub } from '@hub/gateway';
import { createStore } from '@hub/store';
import { openTestDatabase } from './test-database.js';

export type TestHub = { hub: Hub; url: string; close(): Promise<void> };

/** A free TCP port (the hub's own URL must be known before start: sandbox upstream URLs). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** The whole hub in this process, on a real port, over a fresh test database. */
export async function startTestHub(env: Record<string, string> = {}, options: Omit<CreateHubOptions, 'store'> = {}): Promise<TestHub> {
  const db = await openTestDatabase();
  const port = await freePort();
  const config = loadConfig({ PORT: String(port), HOST: '127.0.0.1', HUB_SANDBOX: '1', LOG_LEVEL: 'silent', ...env });
  const hub = await createHub(config, { ...options, store: createStore(db) });
  const { url } = await hub.listen();
  return {
    hub,
    url,
    close: async () => {
      await hub.close();
      await db.close();
    },
  };
}

/** POST a GraphQL document; returns status, headers and parsed body. */
export async function gql(url: string, token: string | null, query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token !== null ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  let body: { data?: any; errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[] };
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`non-JSON response ${res.status}: ${text.slice(0, 200)}`);
  }
  return { status: res.status, headers: res.headers, body };
}
