import path from 'node:path';
import {
  ADMIN_COMMANDS, AdminInputError, createAdminService, isAdminSocketAlive, sendAdminCommand,
  type CommandArgs, type HubConfig,
} from '@hub/gateway';
import { createStore, migrateLatest, openDatabase } from '@hub/store';
import { UsageError } from './cli-error.js';

/**
 * Runs an administrative command where the data is: directly on PostgreSQL (DATABASE_URL); in
 * embedded mode through the running hub's admin socket (PGlite allows one process per data
 * directory), or directly on the data directory when no hub runs.
 */
export async function runAdminCommand(config: HubConfig, command: string, args: CommandArgs): Promise<unknown> {
  if (config.database.kind === 'pglite') {
    const socketPath = path.join(config.dataDir, 'admin.sock');
    if (await isAdminSocketAlive(socketPath)) {
      const reply = await sendAdminCommand(socketPath, command, args);
      if (reply.ok) return reply.result;
      if (reply.error.argument) throw new UsageError(reply.error.message.startsWith(reply.error.argument) ? reply.error.message : `${reply.error.argument}: ${reply.error.message}`);
      throw new Error(reply.error.message);
    }
  }
  const db = await openDatabase(config.database.kind === 'pg' ? { kind: 'pg', url: config.database.url, poolMax: 2 } : { kind: 'pglite', dataDir: config.database.dataDir });
  try {
    await migrateLatest(db.knex);
    const store = createStore(db);
    const { admin } = await createAdminService(store, config);
    const run = ADMIN_COMMANDS[command];
    if (!run) throw new UsageError(`unknown command: ${command}`);
    try {
      return await run(admin, args);
    } catch (error) {
      if (error instanceof AdminInputError) throw new UsageError(`${error.argument}: ${error.message}`);
      throw error;
    }
  } finally {
    await db.close();
  }
}
