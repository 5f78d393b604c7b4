import { chmod, unlink } from 'node:fs/promises';
import http, { type Server } from 'node:http';
import { request } from 'node:http';
import type { Logger } from 'pino';
import { COMMANDS, runCommand, type CommandArgs } from './command-table.js';
import { AdminInputError } from './admin-error.js';
import type { AdminService } from './admin-service.js';

/**
 * Embedded mode only. PGlite allows one process per data directory, so while the hub runs, the
 * `hub` CLI sends its commands to the hub over a Unix socket inside the data directory. The socket
 * is not on the network; its file mode (0600) limits it to the user who runs the hub — the same
 * trust as the data directory itself.
 */
export async function startAdminSocket(socketPath: string, service: AdminService, logger: Logger): Promise<Server> {
  if (await isAdminSocketAlive(socketPath)) {
    throw new Error(`another hub already runs on this data directory (${socketPath} answers); stop it or set HUB_DATA_DIR`);
  }
  await unlink(socketPath).catch(() => undefined);
  const server = http.createServer(async (req, res) => {
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'GET' && req.url === '/ping') return reply(200, { ok: true });
    if (req.method !== 'POST' || req.url !== '/command') return reply(404, { ok: false, error: { message: 'not found' } });
    let parsed: { command?: string; args?: CommandArgs };
    try {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof parsed;
    } catch {
      return reply(400, { ok: false, error: { message: 'malformed command' } });
    }
    if (!parsed.command || !Object.hasOwn(COMMANDS, parsed.command)) return reply(400, { ok: false, error: { message: `unknown command: ${parsed.command ?? ''}` } });
    try {
      reply(200, { ok: true, result: await runCommand(service, parsed.command, parsed.args ?? {}) });
    } catch (error) {
      if (error instanceof AdminInputError) return reply(400, { ok: false, error: { argument: error.argument, message: error.message } });
      logger.error({ err: error, command: parsed.command }, 'admin command failed');
      reply(500, { ok: false, error: { message: 'internal error (see the hub log)' } });
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => resolve());
  });
  await chmod(socketPath, 0o600);
  return server;
}

/** True when a hub answers on this admin socket. */
export function isAdminSocketAlive(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ socketPath, path: '/ping', method: 'GET', timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
    req.end();
  });
}

export type RemoteResult = { ok: true; result: unknown } | { ok: false; error: { argument?: string; message: string } };

/** Sends one command to the running hub. */
export function sendAdminCommand(socketPath: string, command: string, args: CommandArgs): Promise<RemoteResult> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ command, args });
    const req = request({ socketPath, path: '/command', method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as RemoteResult);
        } catch (error) {
          reject(error as Error);
        }
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}
