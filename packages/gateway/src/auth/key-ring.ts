import { randomUUID } from 'node:crypto';
import { CompactSign, compactVerify, SignJWT, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK, type JWTPayload } from 'jose';
import type { SigningKeyStore } from './sealed-signing-keys.js';

/** The only algorithm the hub signs with and accepts (pinned: no `none`, no HS256 confusion). */
export const SIGNING_ALG = 'ES256';

type LiveKey = { kid: string; publicKey: CryptoKey; publicJwk: JWK; createdAt: Date };

/**
 * The hub's ES256 keys, kept in the database (shared by every instance). The newest live key
 * signs; every live key verifies, so rotation does not break tokens issued under the previous
 * `kid`; a retired key verifies nothing and leaves the JWKS.
 *
 * Live public keys are cached in memory and re-read at most every `refreshMs` (and at once, at most
 * once a second, when a token names an unknown `kid`), so a rotation or retirement done by another
 * instance or the CLI is seen within that delay.
 */
export class KeyRing {
  private live = new Map<string, LiveKey>();
  private loadedAt = 0;
  private lastMissReload = 0;
  private loading: Promise<void> | null = null;

  constructor(
    private readonly keys: SigningKeyStore,
    private readonly refreshMs = 5_000,
  ) {}

  /** Creates the first key when the database has none (first start). */
  async ensureKey(): Promise<{ created: boolean }> {
    if ((await this.keys.listLive()).length > 0) {
      await this.reload();
      return { created: false };
    }
    await this.addKey();
    return { created: true };
  }

  /** Adds a new signing key (rotation): it signs from now on, older live keys still verify. */
  async addKey(): Promise<{ kid: string }> {
    const { publicKey, privateKey } = await generateKeyPair(SIGNING_ALG, { extractable: true });
    const kid = `hub-${new Date().toISOString().slice(0, 10)}-${randomUUID().slice(0, 8)}`;
    const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: SIGNING_ALG, use: 'sig' };
    const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: SIGNING_ALG };
    await this.keys.add({ kid, alg: SIGNING_ALG, publicJwk, privateJwk });
    await this.reload();
    return { kid };
  }

  async retire(kid: string): Promise<boolean> {
    const live = await this.keys.listLive();
    if (live.length === 1 && live[0]?.kid === kid) {
      throw new Error('cannot retire the only live key: rotate first (hub key rotate)');
    }
    const done = await this.keys.retire(kid);
    await this.reload();
    return done;
  }

  /** Signs with the newest live key. Reads the private key from the database each time: signing is
   * rare (token issue, consent grant) and keeps private keys out of long-lived memory. */
  async sign(payload: JWTPayload, options: { issuer: string; audience?: string; subject?: string; expiresAt: Date; jti?: string; typ?: string }): Promise<{ token: string; kid: string }> {
    const [newest] = await this.keys.listLive();
    if (!newest) throw new Error('no live signing key');
    const privateKey = await importJWK(newest.privateJwk as JWK, SIGNING_ALG);
    let jwt = new SignJWT(payload)
      .setProtectedHeader({ alg: SIGNING_ALG, kid: newest.kid, typ: options.typ ?? 'JWT' })
      .setIssuer(options.issuer)
      .setIssuedAt()
      .setNotBefore(Math.floor(Date.now() / 1000) - 5)
      .setExpirationTime(Math.floor(options.expiresAt.getTime() / 1000));
    if (options.audience) jwt = jwt.setAudience(options.audience);
    if (options.subject) jwt = jwt.setSubject(options.subject);
    if (options.jti) jwt = jwt.setJti(options.jti);
    return { token: await jwt.sign(privateKey as CryptoKey), kid: newest.kid };
  }

  /** Compact JWS over raw bytes (journal checkpoints): no expiry, verifiable for as long as the
   * key row exists, retired or not. The signer has the newest key loaded now: it makes no database
   * call when used (e.g. inside a transaction holding the only PGlite connection). */
  async compactSigner(typ: string): Promise<(payload: string) => Promise<string>> {
    const [newest] = await this.keys.listLive();
    if (!newest) throw new Error('no live signing key');
    const privateKey = await importJWK(newest.privateJwk as JWK, SIGNING_ALG);
    return (payload) => new CompactSign(new TextEncoder().encode(payload))
      .setProtectedHeader({ alg: SIGNING_ALG, kid: newest.kid, typ })
      .sign(privateKey as CryptoKey);
  }

  /** Verifies a compact JWS of the hub against any of its keys, retired included; returns the
   * payload, or null when the signature does not verify. */
  async verifyCompact(jws: string, typ: string): Promise<string | null> {
    const all = await this.keys.listAll();
    try {
      const { payload, protectedHeader } = await compactVerify(jws, async (header) => {
        const row = all.find((k) => k.kid === header.kid);
        if (!row || header.alg !== SIGNING_ALG) throw new Error('unknown key');
        const { kty, crv, x, y } = row.publicJwk as JWK;
        return (await importJWK({ kty, crv, x, y }, SIGNING_ALG)) as CryptoKey;
      }, { algorithms: [SIGNING_ALG] });
      if (protectedHeader.typ !== typ) return null;
      return new TextDecoder().decode(payload);
    } catch {
      return null;
    }
  }

  /** The public key for `kid`, or null when unknown or retired. */
  async publicKey(kid: string): Promise<CryptoKey | null> {
    await this.refreshIfStale();
    let key = this.live.get(kid);
    if (!key && Date.now() - this.lastMissReload > 1_000) {
      this.lastMissReload = Date.now();
      await this.reload();
      key = this.live.get(kid);
    }
    return key?.publicKey ?? null;
  }

  /** Public JWKS (never a private member). */
  async jwks(): Promise<{ keys: JWK[] }> {
    await this.refreshIfStale();
    return { keys: [...this.live.values()].map((k) => k.publicJwk) };
  }

  private async refreshIfStale(): Promise<void> {
    if (Date.now() - this.loadedAt > this.refreshMs) await this.reload();
  }

  private reload(): Promise<void> {
    this.loading ??= (async () => {
      try {
        const rows = await this.keys.listLive();
        const next = new Map<string, LiveKey>();
        for (const row of rows) {
          const { kty, crv, x, y } = row.publicJwk as JWK;
          const publicJwk: JWK = { kty, crv, x, y, kid: row.kid, alg: row.alg, use: 'sig' };
          next.set(row.kid, { kid: row.kid, publicJwk, publicKey: (await importJWK(publicJwk, SIGNING_ALG)) as CryptoKey, createdAt: row.createdAt });
        }
        this.live = next;
        this.loadedAt = Date.now();
      } finally {
        this.loading = null;
      }
    })();
    return this.loading;
  }
}
