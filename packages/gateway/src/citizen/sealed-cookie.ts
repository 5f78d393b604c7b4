import { hkdfSync } from 'node:crypto';
import { EncryptJWT, jwtDecrypt, type JWTPayload } from 'jose';

/**
 * Encrypted, authenticated cookie values (JWE compact, `dir` + A256GCM): the browser can neither
 * read nor alter them, so the hub needs no server-side session table. Each purpose ("session",
 * "login") gets its own key derived from the secret with HKDF, so a value sealed for one purpose
 * never opens as another.
 */
export class CookieSealer {
  private readonly key: Uint8Array;

  constructor(secret: string, readonly purpose: string, private readonly now: () => number) {
    if (secret.length < 16) throw new RangeError('CookieSealer: the secret must be at least 16 characters');
    this.key = new Uint8Array(hkdfSync('sha256', secret, 'particulier-hub/citizen-space', `cookie:${purpose}:v1`, 32));
  }

  async seal(claims: Record<string, unknown>, ttlSeconds: number): Promise<string> {
    const iat = Math.floor(this.now() / 1000);
    return new EncryptJWT(claims)
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
      .setIssuedAt(iat)
      .setExpirationTime(iat + ttlSeconds)
      .encrypt(this.key);
  }

  /** The claims, or null when the value is forged, altered, sealed for another purpose or expired. */
  async open(value: string | undefined): Promise<JWTPayload | null> {
    if (!value) return null;
    try {
      const { payload } = await jwtDecrypt(value, this.key, {
        keyManagementAlgorithms: ['dir'],
        contentEncryptionAlgorithms: ['A256GCM'],
        currentDate: new Date(this.now()),
        requiredClaims: ['iat', 'exp'],
      });
      return payload;
    } catch {
      return null;
    }
  }
}
