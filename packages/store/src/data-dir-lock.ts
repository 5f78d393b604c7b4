import { open, readFile, unlink } from 'node:fs/promises';
import path from 'node:path';

/**
 * PGlite allows one process per data directory: two processes opening it would each keep their
 * own copy and lose writes. Whoever opens the directory (the hub, or the CLI when no hub runs)
 * holds `hub.lock` (its pid); a lock whose process is gone is stale and taken over.
 */
export type DataDirLock = { release(): Promise<void> };

export class DataDirBusyError extends Error {
  constructor(readonly pid: number) {
    super(`the data directory is in use by process ${pid}`);
    this.name = 'DataDirBusyError';
  }
}

export async function acquireDataDirLock(dataDir: string): Promise<DataDirLock> {
  const file = path.join(dataDir, 'hub.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(file, 'wx', 0o600);
      await handle.writeFile(String(process.pid));
      await handle.close();
      return { release: () => unlink(file).catch(() => undefined) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number((await readFile(file, 'utf8').catch(() => '')).trim());
      if (pid > 0 && pid !== process.pid && isAlive(pid)) throw new DataDirBusyError(pid);
      await unlink(file).catch(() => undefined); // stale: its process is gone
    }
  }
  throw new Error(`cannot take the data directory lock ${file}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
