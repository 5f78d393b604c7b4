import type { Knex } from 'knex';

/** A statement the hub runs on every request: PostgreSQL parses and plans it once per connection. */
export type NamedStatement = { name: string; text: string };

/** The subset of a node-postgres client the store uses directly (callback form: no extra promise per query). */
export type PgClient = {
  query(config: { text: string; name?: string; values?: unknown[] }, callback: (error: Error | null, result: PgResult | PgResult[]) => void): void;
};
export type PgResult = { rows: unknown[] };

type KnexClientPool = { driver?: { Client?: unknown }; acquireConnection(): Promise<unknown>; releaseConnection(connection: unknown): Promise<void> };

function poolOf(knex: Knex): KnexClientPool {
  return knex.client as KnexClientPool;
}

/** knex runs on node-postgres (not PGlite): hot statements may go straight to a pooled client. */
export function usesNodePostgres(knex: Knex): boolean {
  return typeof poolOf(knex).driver?.Client === 'function';
}

/**
 * A node-postgres client from knex's pool, or null (after giving the connection back) when the
 * pool hands out something else. Give it back with releasePgClient on every path.
 */
export async function acquirePgClient(knex: Knex): Promise<PgClient | null> {
  const pool = poolOf(knex);
  const connection: unknown = await pool.acquireConnection();
  const Client = pool.driver?.Client as (new () => unknown) | undefined;
  if (Client && connection instanceof Client) return connection as PgClient;
  await pool.releaseConnection(connection);
  return null;
}

export function releasePgClient(knex: Knex, client: PgClient): Promise<void> {
  return poolOf(knex).releaseConnection(client);
}

export function pgQuery(client: PgClient, config: { text: string; name?: string; values?: unknown[] }): Promise<PgResult | PgResult[]> {
  return new Promise((resolve, reject) => {
    client.query(config, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

/**
 * Runs a hot-path statement as a named (server-side prepared) statement on node-postgres: the
 * parse and plan are paid once per pooled connection instead of on every call (measured here:
 * ~30 % of the PostgreSQL CPU of a one-row consent read). `text` uses `$1`, `$2`... placeholders,
 * each once and in order. On PGlite (one in-process connection, no network) it goes through
 * knex.raw like any other query.
 */
export async function namedQuery<Row>(knex: Knex, statement: NamedStatement, values: unknown[]): Promise<Row[]> {
  const client = usesNodePostgres(knex) ? await acquirePgClient(knex) : null;
  if (!client) {
    const text = statement.text.replace(/\$\d+/g, '?');
    return ((await knex.raw(text, values as Knex.RawBinding[])) as { rows: Row[] }).rows;
  }
  try {
    return ((await pgQuery(client, { name: statement.name, text: statement.text, values })) as PgResult).rows as Row[];
  } finally {
    await releasePgClient(knex, client);
  }
}
