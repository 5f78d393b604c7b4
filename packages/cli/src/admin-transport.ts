import path from 'node:path';
import {
  AdminInputError, COMMANDS, createAdminService, isAdminSocketAlive, runCommand, sendAdminCommand,
  type CommandArgs, type HubConfig,
} from '@hub/gateway';
import { DataDirBusyError, createStore, migrateLatest, openDatabase } from '@hub/store';
import { UsageError } from './cli-error.js';

/**
 * Runs an administrative command where the data is: directly on PostgreSQL (DATABASE_URL); in
 * embedded mode through the running hub's admin socket (PGlite allows one process per data
 * directory), or directly on the data directory when no hub runs.
 */
export async function runAdminCommand(config: HubConfig, command: string, args: CommandArgs): Promise<unknown> {
  const socketPath = path.join(config.dataDir, 'admin.sock');
  const remote = async () => {
    const reply = await sendAdminCommand(socketPath, command, args);
    if (reply.ok) return reply.result;
    if (reply.error.argument) throw new UsageError(`${reply.error.argument}: ${reply.error.message}`);
    throw new Error(reply.error.message);
  };
  if (config.database.kind === 'pglite' && (await isAdminSocketAlive(socketPath))) return remote();
  if (COMMANDS[command]?.sandboxOnly && !config.sandbox.enabled && config.database.kind === 'pglite') {
    // Typically the hub runs on another data directory (HUB_DATA_DIR differs between the two
    // shells): say so, rather than only that the command needs sandbox mode.
    throw new UsageError(
      `HUB_DATA_DIR: no hub runs on the data directory ${config.dataDir} (nothing answers on ${socketPath}), and ${command} `
      + 'needs a hub in sandbox mode. Run it with the HUB_DATA_DIR of the running hub, or start one on this directory '
      + '(npm start), or run it here without a hub with HUB_SANDBOX=1.',
    );
  }
  let db;
  try {
    db = await openDatabase(config.database.kind === 'pg' ? { kind: 'pg', url: config.database.url, poolMax: 2 } : { kind: 'pglite', dataDir: config.database.dataDir });
  } catch (error) {
    if (!(error instanceof DataDirBusyError)) throw error;
    // A hub holds the data directory but its admin socket is not up yet: it is starting.
    for (let waited = 0; waited < 30_000; waited += 250) {
      if (await isAdminSocketAlive(socketPath)) return remote();
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`the data directory ${config.dataDir} is held by process ${error.pid}, whose admin socket does not answer`);
  }
  try {
    await migrateLatest(db.knex);
    const store = createStore(db);
    const { admin } = await createAdminService(store, config);
    try {
      return await runCommand(admin, command, args);
    } catch (error) {
      if (error instanceof AdminInputError) throw new UsageError(`${error.argument}: ${error.message}`);
      throw error;
    }
  } finally {
    await db.close();
  }
}
