// Issue 11, keys at rest: private signing keys are stored as a compact JWE under
// HUB_KEY_ENCRYPTION_KEY (keys stored in clear by earlier versions are sealed at start), sandbox
// mode generates its secrets into the data directory (0600), and the embedded data directory of
// `hub start` is 0700 with 0600 files and no private key in clear anywhere in it.
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { expect } from '../support/expect.js';
import { createAdminService, loadConfig, sandboxSecrets } from '@hub/gateway';
import { createStore } from '@hub/store';
import { openTestDatabase } from '../support/test-database.js';
import { freePort } from '../support/test-hub.js';
import { poll } from '../support/poll.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'hub-keys-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('private signing keys in the database', () => {
  it('holds no clear JWK, seals keys stored in clear, and still signs with them', async () => {
    const db = await openTestDatabase();
    try {
      const store = createStore(db);
      const config = loadConfig({ HUB_SANDBOX: '1', HUB_DATA_DIR: path.join(dir, 'unit'), LOG_LEVEL: 'silent' });
      // A key stored in clear, as earlier versions did.
      await store.signingKeys.add({ kid: 'clear-1', alg: 'ES256', publicJwk: { kty: 'EC', crv: 'P-256', x: 'x', y: 'y' }, privateJwk: { kty: 'EC', crv: 'P-256', d: 'secret-d', x: 'x', y: 'y' } });
      await store.signingKeys.retire('clear-1');
      const { keyRing } = await createAdminService(store, config);
      const rows = await db.knex('signing_keys').select('kid', 'private_jwk');
      expect(rows.length).toBeGreaterThanOrEqual(2);
      for (const row of rows) {
        const stored = JSON.stringify(row.private_jwk);
        expect(stored).not.toMatch(/"d"\s*:/);
        expect(stored).not.toContain('secret-d');
        expect(Object.keys(typeof row.private_jwk === 'string' ? JSON.parse(row.private_jwk) : row.private_jwk)).toEqual(['jwe']);
      }
      const { token } = await keyRing.sign({}, { issuer: config.issuer, subject: 'x', expiresAt: new Date(Date.now() + 60_000) });
      expect(token.split('.')).toHaveLength(3);
      // Under another key encryption key the sealed keys do not open.
      const other = loadConfig({ HUB_SANDBOX: '1', HUB_DATA_DIR: path.join(dir, 'other'), LOG_LEVEL: 'silent' });
      await expect(createAdminService(store, other).then(({ keyRing: k }) => k.sign({}, { issuer: 'x', expiresAt: new Date(Date.now() + 60_000) }))).rejects.toThrow();
    } finally {
      await db.close();
    }
  });
});

describe('sandbox secrets', () => {
  it('are random, generated once into the data directory with mode 0600', async () => {
    const a = sandboxSecrets(path.join(dir, 's'));
    expect(sandboxSecrets(path.join(dir, 's'))).toEqual(a);
    expect(a.sessionKey).not.toBe(a.subjectKey);
    expect(Buffer.from(a.keyEncryptionKey, 'base64url')).toHaveLength(32);
    expect((await stat(path.join(dir, 's', 'sandbox-secrets.json'))).mode & 0o777).toBe(0o600);
    expect((await stat(path.join(dir, 's'))).mode & 0o777).toBe(0o700);
  });
});

describe('hub start on an embedded data directory', () => {
  it('creates it 0700 with 0600 files, and no private key in clear in any file', async () => {
    const dataDir = path.join(dir, 'start');
    const port = await freePort();
    const child = spawn(process.execPath, [path.join(ROOT, 'packages/cli/bin/hub.js'), 'start'], {
      env: { PATH: process.env.PATH, HUB_SANDBOX: '1', HUB_DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'silent' },
      stdio: 'ignore',
    });
    try {
      await poll(async () => (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null))?.status, { timeout: 60_000, interval: 250 }).toBe(200);
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
    const files = await walk(dataDir);
    expect(files.length).toBeGreaterThan(10);
    const loose = [];
    for (const file of files) {
      const s = await stat(file);
      if (s.isDirectory() ? (s.mode & 0o077) !== 0 : (s.mode & 0o777) !== 0o600) loose.push(`${path.relative(dataDir, file)} ${(s.mode & 0o777).toString(8)}`);
      if (s.isFile()) expect((await readFile(file)).includes('"d":"')).toBe(false);
    }
    expect(loose).toEqual([]);
  }, 90_000);
});

async function walk(root: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(root, { withFileTypes: true })) {
    const full = path.join(root, entry.name);
    out.push(full);
    if (entry.isDirectory()) out.push(...(await walk(full)));
  }
  return out;
}
