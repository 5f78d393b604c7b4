import { chmod, mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import knex, { type Knex } from 'knex';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.js';

export type DatabaseOptions =
  /** A real PostgreSQL server. `schema`, when given, isolates this connection in its own schema
   * (created if missing): tests use one per file so they can run in parallel on one database. */
  | { kind: 'pg'; url: string; schema?: string; poolMax?: number; timeouts?: { statementMs: number; acquireMs: number } }
  /** Embedded PostgreSQL (PGlite, WASM). `dataDir` on disk, or in memory when omitted;
   * `loadDataDir` starts from a snapshot made by `Database.dumpDataDir` (tests: migrate once, copy). */
  | { kind: 'pglite'; dataDir?: string; loadDataDir?: Blob };

export type Database = {
  knex: Knex;
  kind: 'pg' | 'pglite';
  close(): Promise<void>;
  /** PGlite only: a tarball of the whole data directory, to open copies from (`loadDataDir`). */
  dumpDataDir?(): Promise<Blob>;
};

/**
 * Opens the hub's database. PGlite allows one process per data directory and one connection;
 * knex-pglite enforces the single connection (and refuses a pool setting).
 */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  let instance: Knex;
  if (options.kind === 'pg') {
    const schema = options.schema;
    instance = knex({
      client: 'pg',
      // Bounds (docs/contract.md#configuration): the server cancels a statement after statementMs; the
      // client gives up 1 s later when the server cannot even do that (frozen, partitioned).
      connection: options.timeouts
        ? { connectionString: options.url, statement_timeout: options.timeouts.statementMs, query_timeout: options.timeouts.statementMs + 1_000 }
        : options.url,
      pool: {
        min: 0,
        max: options.poolMax ?? 10,
        // Every pooled connection gets the schema on its search path.
        ...(schema ? { afterCreate: (conn: PgConn, done: (err: Error | null, conn: PgConn) => void) => {
          conn.query(`set search_path to "${schema}"`, (err) => done(err ?? null, conn));
        } } : {}),
      },
      acquireConnectionTimeout: options.timeouts?.acquireMs ?? 10_000,
    });
    if (schema) {
      if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name: ${schema}`);
      await instance.raw(`create schema if not exists "${schema}"`);
    }
  } else {
    const [{ default: ClientPgLite }, { PGlite }] = await Promise.all([import('knex-pglite'), import('@electric-sql/pglite')]);
    let lock: DataDirLock | null = null;
    if (options.dataDir) {
      // Owner only: the data directory holds the database files (umask 077 keeps its files 0600).
      await mkdir(options.dataDir, { recursive: true, mode: 0o700 });
      await chmod(path.dirname(path.resolve(options.dataDir)), 0o700);
      await chmod(options.dataDir, 0o700);
      lock = await acquireDataDirLock(path.dirname(path.resolve(options.dataDir)));
    }
    const pglite = new PGlite(options.dataDir, options.loadDataDir ? { loadDataDir: options.loadDataDir } : {});
    instance = knex({
      client: ClientPgLite as unknown as typeof knex.Client,
      dialect: 'postgres',
      connection: { pglite } as never,
    });
    const dumpDataDir = async (): Promise<Blob> => pglite.dumpDataDir('none');
    if (lock) {
      const held = lock;
      const dataDir = options.dataDir!;
      // PGlite's file system layer creates files 0666 whatever the umask: the directory (0700)
      // keeps others out, and the files are brought to 0600 at open and at close.
      await pglite.waitReady;
      await ownerOnly(dataDir);
      return { knex: instance, kind: 'pglite', dumpDataDir, close: async () => { await instance.destroy(); await ownerOnly(dataDir).catch(() => undefined); await held.release(); } };
    }
    return { knex: instance, kind: 'pglite', dumpDataDir, close: () => instance.destroy() };
  }
  return {
    knex: instance,
    kind: options.kind,
    close: () => instance.destroy(),
  };
}

type PgConn = { query(sql: string, cb: (err: Error | null) => void): void };

/** chmod 0700 on directories and 0600 on files, recursively. */
async function ownerOnly(dir: string): Promise<void> {
  await chmod(dir, 0o700);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) await ownerOnly(full);
    else if (entry.isFile()) await chmod(full, 0o600).catch(() => undefined);
  }
}
