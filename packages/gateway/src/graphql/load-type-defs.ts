import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The repository's `schema/` folder (SDL only), same depth from `src/` and `dist/`. */
export const SCHEMA_DIR = fileURLToPath(new URL('../../../../schema/', import.meta.url));

/** Reads the SDL files, in the given order. */
export function loadTypeDefs(files: readonly string[], dir: string = SCHEMA_DIR): string[] {
  return files.map((f) => readFileSync(path.join(dir, f), 'utf8'));
}
