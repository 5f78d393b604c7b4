import { readdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';
import type { Knex } from 'knex';
import { acquirePgClient, pgQuery, releasePgClient, usesNodePostgres } from './pg-client.js';

type Migration = { up(knex: Knex): Promise<void>; down(knex: Knex): Promise<void> };

/** The repository's `migrations/` folder: same depth from `src/` (tests) and `dist/` (built). */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../../migrations/', import.meta.url));

/**
 * Loads migrations by explicit `import()` rather than knex's file loader, so the same plain-JS
 * ESM migrations run under jest and under plain Node.
 */
class FolderMigrationSource implements Knex.MigrationSource<string> {
  constructor(private readonly dir: string) {}
  async getMigrations(): Promise<string[]> {
    return (await readdir(this.dir)).filter((f) => /^\d{14}_[a-z0-9_]+\.js$/.test(f)).sort();
  }
  getMigrationName(migration: string): string {
    return migration;
  }
  async getMigration(migration: string): Promise<Migration> {
    return (await import(pathToFileURL(path.join(this.dir, migration)).href)) as Migration;
  }
}

export type MigrationResult = { applied: string[] };

/**
 * Applies pending migrations (idempotent). On PostgreSQL, concurrent runs against one schema —
 * replicas starting together on a fresh database — are serialised by a session advisory lock held
 * for the whole run: knex's own lock table only exists once its first run has created it, and two
 * first runs collided on creating it.
 */
export async function migrateLatest(knex: Knex, dir: string = MIGRATIONS_DIR): Promise<MigrationResult> {
  const run = async () => {
    const [, applied] = (await knex.migrate.latest({ migrationSource: new FolderMigrationSource(dir) })) as [number, string[]];
    return { applied };
  };
  const client = usesNodePostgres(knex) ? await acquirePgClient(knex) : null;
  if (!client) return run();
  const key = "hashtext('particulier-hub migrations ' || coalesce(current_schema(), ''))";
  try {
    await pgQuery(client, { text: `select pg_advisory_lock(${key})` });
    try {
      return await run();
    } finally {
      await pgQuery(client, { text: `select pg_advisory_unlock(${key})` });
    }
  } finally {
    await releasePgClient(knex, client);
  }
}
