import { calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';
import type { CryptoKey, JWK } from 'jose';

/** The IdP's ES256 key pair; the public half is published at `/jwks` under `kid`. */
export type SigningKey = {
  alg: 'ES256';
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
};

/**
 * Generates a fresh key pair. The sandbox keeps no key material on disk: a restart rotates the
 * key, which is harmless because relying parties fetch /jwks and ID tokens live minutes.
 */
export async function createSigningKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const exported = await exportJWK(publicKey);
  // RFC 7638 thumbprint: a kid derived from the key itself, so it changes exactly when the key does.
  const kid = await calculateJwkThumbprint(exported);
  return {
    alg: 'ES256',
    kid,
    privateKey,
    publicJwk: { ...exported, kid, alg: 'ES256', use: 'sig' },
  };
}
