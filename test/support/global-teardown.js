import { rmSync } from 'node:fs';

export default async function globalTeardown() {
  if (globalThis.__hubSnapshotDir) rmSync(globalThis.__hubSnapshotDir, { recursive: true, force: true });
}
