// Jest global setup: on embedded PGlite (no DATABASE_URL), migrate one database once and save a
// snapshot of its data directory; every test file then opens a copy of it (~1 s) instead of
// booting and migrating its own (3–12 s). Plain JavaScript over the built store (`tsc -b` runs
// before jest in `npm test`).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export default async function globalSetup() {
  if (process.env.DATABASE_URL || process.env.HUB_TEST_PGLITE_SNAPSHOT) return;
  const { openDatabase, migrateLatest } = await import('@hub/store');
  const db = await openDatabase({ kind: 'pglite' });
  try {
    await migrateLatest(db.knex);
    const blob = await db.dumpDataDir();
    const dir = mkdtempSync(path.join(tmpdir(), 'hub-test-pglite-'));
    const file = path.join(dir, 'migrated.tar');
    writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
    process.env.HUB_TEST_PGLITE_SNAPSHOT = file;
    globalThis.__hubSnapshotDir = dir;
  } finally {
    await db.close();
  }
}
