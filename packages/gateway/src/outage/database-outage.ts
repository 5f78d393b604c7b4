import type { Logger } from 'pino';

/** Seconds a client is told to wait while the database is unreachable. */
export const OUTAGE_RETRY_AFTER = 5;

/** Node socket errors and PostgreSQL SQLSTATEs (class 08: connection exception; 57P01–57P03:
 * admin/crash shutdown, cannot connect now; 57014: cancelled by `statement_timeout`) and the
 * client-side bound of a frozen server ("Query read timeout", HUB_DB_STATEMENT_TIMEOUT_MS + 1 s)
 * that mean "the database is not there (in time)", not "this request is wrong". */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EPIPE', 'EAI_AGAIN']);
const SQLSTATES = /^(08\d\d\d|57P0[123]|57014)$/;
const MESSAGES = /Unable to acquire a connection|Knex: Timeout acquiring a connection|Connection terminated|connection (was )?closed|PGlite is closed|Client has encountered a connection error|Query read timeout/i;

/** True when `error` (or its cause, or an AggregateError member) says the database is unreachable. */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 4) return false;
  const e = error as { code?: unknown; name?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === 'string' && (NETWORK_CODES.has(e.code) || SQLSTATES.test(e.code))) return true;
  if (e.name === 'KnexTimeoutError') return true;
  if (typeof e.message === 'string' && MESSAGES.test(e.message)) return true;
  if (Array.isArray(e.errors) && e.errors.some((x) => isDatabaseUnavailable(x, depth + 1))) return true;
  return isDatabaseUnavailable(e.cause, depth + 1);
}

/**
 * One warning when an outage starts (no stack: it is a known condition, not a bug), one info line
 * when a request gets through again — not one line per refused request.
 */
export class DatabaseOutage {
  private since: number | null = null;
  private refused = 0;

  report(logger: Logger, error: unknown): void {
    this.refused++;
    if (this.since !== null) return;
    this.since = Date.now();
    const code = (error as { code?: unknown }).code;
    logger.warn({ code: typeof code === 'string' ? code : (error as Error).name }, 'database unreachable: answering 503 SERVICE_UNAVAILABLE until it answers again');
  }

  recovered(logger: Logger): void {
    if (this.since === null) return;
    logger.info({ seconds: Math.round((Date.now() - this.since) / 1000), refused: this.refused }, 'database reachable again');
    this.since = null;
    this.refused = 0;
  }
}
