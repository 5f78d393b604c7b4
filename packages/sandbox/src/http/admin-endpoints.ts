import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { CallStats } from '../admin/call-stats.js';
import { faultConfigSchema } from '../admin/fault-config.js';
import type { FaultRegistry } from '../admin/fault-registry.js';
import { BodyError, readJsonBody } from './read-json-body.js';
import { sendJson } from './send.js';

/**
 * Sandbox-only admin endpoints (docs/contract.md#sandbox-routes): call statistics and fault injection. The caller
 * (createSandbox) checks the sandbox Bearer token first; they exist only where the sandbox is mounted.
 * Returns false when the path is not an admin path.
 */
export async function handleAdmin(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  state: { stats: CallStats; faults: FaultRegistry; routePaths: ReadonlySet<string> },
): Promise<boolean> {
  const method = req.method ?? 'GET';
  switch (url.pathname) {
    case '/_stats':
      if (method !== 'GET') return methodNotAllowed(res, 'GET');
      sendJson(res, 200, state.stats.snapshot());
      return true;
    case '/_stats/reset':
      if (method !== 'POST') return methodNotAllowed(res, 'POST');
      state.stats.reset();
      sendJson(res, 200, state.stats.snapshot());
      return true;
    case '/_faults':
      if (method === 'GET') {
        sendJson(res, 200, { faults: state.faults.list() });
      } else if (method === 'PUT') {
        let body: unknown;
        try {
          body = await readJsonBody(req);
        } catch (error) {
          if (!(error instanceof BodyError)) throw error;
          sendJson(res, error.code === 'body_too_large' ? 413 : 400, { error: error.code, message: error.message });
          return true;
        }
        // One fault object, or an array of them (the shape of SANDBOX_FAULTS); all or none apply.
        const parsed = Array.isArray(body) ? z.array(faultConfigSchema).safeParse(body) : faultConfigSchema.safeParse(body);
        if (!parsed.success) {
          sendJson(res, 400, { error: 'invalid_fault', message: z.prettifyError(parsed.error) });
          return true;
        }
        const faults = Array.isArray(parsed.data) ? parsed.data : [parsed.data];
        const unknown = faults.find((fault) => fault.route !== '*' && !state.routePaths.has(fault.route));
        if (unknown) {
          sendJson(res, 400, {
            error: 'invalid_fault',
            message: `Unknown route "${unknown.route}"; use "*" or one of: ${[...state.routePaths].join(', ')}`,
          });
          return true;
        }
        for (const fault of faults) state.faults.set(fault);
        sendJson(res, 200, { faults: state.faults.list() });
      } else if (method === 'DELETE') {
        state.faults.clear(url.searchParams.get('route') ?? undefined);
        sendJson(res, 200, { faults: state.faults.list() });
      } else {
        return methodNotAllowed(res, 'GET, PUT, DELETE');
      }
      return true;
    default:
      return false;
  }
}

function methodNotAllowed(res: ServerResponse, allow: string): true {
  sendJson(res, 405, { error: 'method_not_allowed', message: `Allowed: ${allow}` }, { allow });
  return true;
}
