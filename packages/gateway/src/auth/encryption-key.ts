import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import { ENCRYPTION_KEY_ALG } from '@hub/store';
import type { SealedSigningKeys } from './sealed-signing-keys.js';

/** Key management algorithms accepted on FranceConnect's answers (v2 uses RSA-OAEP-256). */
export const DECRYPTION_ALGS = ['RSA-OAEP-256', 'RSA-OAEP'] as const;
export type DecryptionAlg = (typeof DECRYPTION_ALGS)[number];

/**
 * The hub's RSA encryption key: FranceConnect encrypts its check-token answers to it (JWE,
 * RSA-OAEP-256 — or RSA-OAEP — with A256GCM, and no `kid` in the header). Stored like the signing
 * keys (same table, private part sealed under HUB_KEY_ENCRYPTION_KEY, `use: 'enc'` so the signing
 * key ring never sees it) and published in the JWKS with `use: "enc"`.
 *
 * Every live key decrypts (the JWE names none, so two instances that created one each at the same
 * first start both work); the private keys are read from the database at most every `refreshMs`.
 */
export class EncryptionKey {
  private cached: { at: number; keys: Record<DecryptionAlg, CryptoKey[]>; jwks: JWK[] } | null = null;

  constructor(
    private readonly keys: SealedSigningKeys,
    private readonly refreshMs = 60_000,
  ) {}

  /** Creates the key when the database has none (first start). */
  async ensureKey(): Promise<{ created: boolean }> {
    if ((await this.keys.listLive('enc')).length > 0) return { created: false };
    const { publicKey, privateKey } = await generateKeyPair(ENCRYPTION_KEY_ALG, { extractable: true, modulusLength: 2048 });
    const kid = `hub-enc-${new Date().toISOString().slice(0, 10)}-${randomUUID().slice(0, 8)}`;
    const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: ENCRYPTION_KEY_ALG, use: 'enc' };
    const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: ENCRYPTION_KEY_ALG };
    await this.keys.add({ kid, alg: ENCRYPTION_KEY_ALG, publicJwk, privateJwk });
    this.cached = null;
    return { created: true };
  }

  /** The private keys that may decrypt a JWE of this `alg`, newest first (WebCrypto binds the
   * OAEP hash to the key object, hence one import per algorithm). */
  async decryptionKeys(alg: DecryptionAlg): Promise<CryptoKey[]> {
    return (await this.load()).keys[alg];
  }

  /** Public members for the JWKS (`use: "enc"`). */
  async jwks(): Promise<JWK[]> {
    return (await this.load()).jwks;
  }

  private async load(): Promise<{ keys: Record<DecryptionAlg, CryptoKey[]>; jwks: JWK[] }> {
    if (this.cached && Date.now() - this.cached.at < this.refreshMs) return this.cached;
    const rows = await this.keys.listLive('enc');
    const keys: Record<DecryptionAlg, CryptoKey[]> = { 'RSA-OAEP-256': [], 'RSA-OAEP': [] };
    const jwks: JWK[] = [];
    for (const row of rows) {
      const { alg: _alg, ...privateJwk } = row.privateJwk as JWK;
      for (const alg of DECRYPTION_ALGS) keys[alg].push((await importJWK(privateJwk, alg)) as CryptoKey);
      const { kty, n, e } = row.publicJwk as JWK;
      jwks.push({ kty, n, e, kid: row.kid, alg: ENCRYPTION_KEY_ALG, use: 'enc' });
    }
    this.cached = { at: Date.now(), keys, jwks };
    return this.cached;
  }
}
