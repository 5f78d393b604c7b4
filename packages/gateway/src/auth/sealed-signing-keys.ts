import { CompactEncrypt, compactDecrypt } from 'jose';
import type { KeyUse, SigningKeyRecord, SigningKeysRepository } from '@hub/store';

/** What the key ring needs of its key store (the repository, or this sealing wrapper around it). */
export type SigningKeyStore = Pick<SigningKeysRepository, 'add' | 'listLive' | 'listAll' | 'retire'>;

/** How a private key is stored: `{"jwe": <compact JWE, dir + A256GCM, of the private JWK>}`. */
type SealedJwk = { jwe: string };
const isSealed = (jwk: Record<string, unknown>): jwk is SealedJwk => typeof jwk.jwe === 'string' && Object.keys(jwk).length === 1;

/**
 * The signing-key repository with private keys encrypted at rest under the key encryption key
 * (`HUB_KEY_ENCRYPTION_KEY`): a compact JWE (`dir`, `A256GCM`, the key id as additional
 * authenticated header) replaces the clear JWK in the database, its WAL and its dumps. Rows stored
 * in clear by earlier versions are sealed by `sealClearKeys` (at start and by `hub migrate`).
 */
export class SealedSigningKeys implements SigningKeyStore {
  private readonly key: Uint8Array;

  constructor(private readonly repository: SigningKeysRepository, keyEncryptionKey: string) {
    this.key = new Uint8Array(Buffer.from(keyEncryptionKey, 'base64url'));
    if (this.key.length !== 32) throw new Error('the key encryption key must be 32 bytes');
  }

  async add(input: Parameters<SigningKeysRepository['add']>[0]): Promise<SigningKeyRecord> {
    return this.open(await this.repository.add({ ...input, privateJwk: await this.seal(input.kid, input.privateJwk) }));
  }

  async listLive(use: KeyUse = 'sig'): Promise<SigningKeyRecord[]> {
    return Promise.all((await this.repository.listLive(use)).map((r) => this.open(r)));
  }

  async listAll(use: KeyUse = 'sig'): Promise<SigningKeyRecord[]> {
    return Promise.all((await this.repository.listAll(use)).map((r) => this.open(r)));
  }

  retire(kid: string): Promise<boolean> {
    return this.repository.retire(kid);
  }

  /** Encrypts every private key still stored in clear; returns their key ids. */
  async sealClearKeys(): Promise<string[]> {
    const clear = (await this.repository.listEveryUse()).filter((r) => !isSealed(r.privateJwk));
    for (const row of clear) await this.repository.replacePrivateJwk(row.kid, await this.seal(row.kid, row.privateJwk));
    return clear.map((r) => r.kid);
  }

  private async seal(kid: string, jwk: Record<string, unknown>): Promise<SealedJwk> {
    const jwe = await new CompactEncrypt(new TextEncoder().encode(JSON.stringify(jwk)))
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM', kid, cty: 'jwk+json' })
      .encrypt(this.key);
    return { jwe };
  }

  private async open(record: SigningKeyRecord): Promise<SigningKeyRecord> {
    if (!isSealed(record.privateJwk)) return record; // clear row not sealed yet (sealClearKeys runs at start)
    const { plaintext, protectedHeader } = await compactDecrypt(record.privateJwk.jwe, this.key, { keyManagementAlgorithms: ['dir'], contentEncryptionAlgorithms: ['A256GCM'] });
    if (protectedHeader.kid !== record.kid) throw new Error(`sealed private key of ${record.kid} names another key`);
    return { ...record, privateJwk: JSON.parse(new TextDecoder().decode(plaintext)) as Record<string, unknown> };
  }
}
