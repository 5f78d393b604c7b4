import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { migrateLatest, openDatabase, type Database, type DatabaseOptions } from '@hub/store';

/**
 * Database options for one test file: a fresh schema on the real PostgreSQL named by
 * DATABASE_URL (CI), or an in-memory PGlite otherwise (a newcomer's machine).
 */
export function testDatabaseOptions(): DatabaseOptions & { dropSchema?: string } {
  const url = process.env.DATABASE_URL;
  if (url) {
    const schema = `t_${randomBytes(6).toString('hex')}`;
    return { kind: 'pg', url, schema, dropSchema: schema };
  }
  // A copy of the migrated snapshot made once by the global setup (test/support/global-setup.js).
  const snapshot = process.env.HUB_TEST_PGLITE_SNAPSHOT;
  if (snapshot) return { kind: 'pglite', loadDataDir: new Blob([readFileSync(snapshot)]) };
  return { kind: 'pglite' };
}

export async function openTestDatabase(): Promise<Database & { options: DatabaseOptions }> {
  const options = testDatabaseOptions();
  const db = await openDatabase(options);
  await migrateLatest(db.knex);
  const close = async () => {
    if (options.kind === 'pg' && options.dropSchema) {
      await db.knex.raw(`drop schema if exists "${options.dropSchema}" cascade`).catch(() => undefined);
    }
    await db.close();
  };
  return { ...db, options, close };
}
