import { randomBytes } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The secrets sandbox mode generates instead of source constants (docs/contract.md#configuration). */
export type SandboxSecrets = { sessionKey: string; subjectKey: string; keyEncryptionKey: string };

export const SANDBOX_SECRETS_FILE = 'sandbox-secrets.json';

/**
 * Reads `<dataDir>/sandbox-secrets.json`, creating it (directory 0700, file 0600) with fresh random
 * secrets the first time. The file appears atomically (written aside, then hard-linked into place),
 * so concurrent starts on one data directory agree on one set.
 */
export function sandboxSecrets(dataDir: string): SandboxSecrets {
  const file = path.join(dataDir, SANDBOX_SECRETS_FILE);
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as SandboxSecrets;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const fresh: SandboxSecrets = {
    sessionKey: randomBytes(32).toString('base64url'),
    subjectKey: randomBytes(32).toString('base64url'),
    keyEncryptionKey: randomBytes(32).toString('base64url'),
  };
  const aside = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(aside, JSON.stringify(fresh), { mode: 0o600 });
  chmodSync(aside, 0o600);
  try {
    linkSync(aside, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(aside);
  }
  return JSON.parse(readFileSync(file, 'utf8')) as SandboxSecrets;
}
