import { startSandboxServer, type FaultConfig } from '../src/index.js';

export const RECIPIENT = '13002526500013';
export const TOKEN = 'test-token';

export type Reply = { status: number; text: string; json: unknown; contentType: string | null };

/** Parameters as the staging YAML writes them: a list becomes `name[]=a&name[]=b`. */
export type Params = Record<string, string | number | ReadonlyArray<string | number> | undefined>;

export function query(params: Params): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) search.append(`${name}[]`, String(v));
    else search.append(name, String(value));
  }
  return search.toString();
}

/** The standalone sandbox on an ephemeral port, and a small client for it. */
export async function startHarness(options: { faults?: FaultConfig[] } = {}) {
  const server = await startSandboxServer({ port: 0, token: TOKEN, ...(options.faults && { faults: options.faults }) });

  async function request(method: string, path: string, init: { body?: string; headers?: Record<string, string> } = {}): Promise<Reply> {
    // The admin endpoints (/_stats, /_faults) need the sandbox token: sent unless the test gives its own headers.
    const admin = /^\/_(stats|faults)/.test(path) ? { authorization: `Bearer ${TOKEN}` } : {};
    const response = await fetch(server.url + path, { method, headers: init.headers ? { ...admin, ...init.headers } : admin, body: init.body ?? null });
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, text, json, contentType: response.headers.get('content-type') };
  }

  return {
    url: server.url,
    close: () => server.close(),
    request,
    /** An upstream call with the token and a valid recipient (unless overridden). */
    get(route: string, params: Params, options: { token?: string | null; recipient?: string | null } = {}): Promise<Reply> {
      const recipient = options.recipient === undefined ? RECIPIENT : options.recipient;
      const token = options.token === undefined ? TOKEN : options.token;
      const search = query({ ...(recipient !== null && { recipient }), ...params });
      return request('GET', `${route}?${search}`, { headers: token === null ? {} : { authorization: `Bearer ${token}` } });
    },
  };
}

export type Harness = Awaited<ReturnType<typeof startHarness>>;
