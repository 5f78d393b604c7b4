import type { Knex } from 'knex';

export type SigningKeyRecord = {
  kid: string;
  alg: string;
  publicJwk: Record<string, unknown>;
  /** Private part: never log it, never return it from an API. */
  privateJwk: Record<string, unknown>;
  createdAt: Date;
  retiredAt: Date | null;
};

type Row = { kid: string; alg: string; public_jwk: Record<string, unknown>; private_jwk: Record<string, unknown>; created_at: Date; retired_at: Date | null };
const toRecord = (r: Row): SigningKeyRecord => ({
  kid: r.kid, alg: r.alg, publicJwk: r.public_jwk, privateJwk: r.private_jwk, createdAt: r.created_at, retiredAt: r.retired_at,
});

/**
 * `alg` of the hub's RSA encryption key (FranceConnect encrypts its check-token answers to it). It
 * lives in this table, sealed like the signing keys; `use: 'enc'` selects it and every signing-key
 * read (`use: 'sig'`, the default) leaves it out, so no signer or verifier ever sees it.
 */
export const ENCRYPTION_KEY_ALG = 'RSA-OAEP-256';

export type KeyUse = 'sig' | 'enc';

export class SigningKeysRepository {
  constructor(private readonly knex: Knex) {}

  async add(input: { kid: string; alg: string; publicJwk: Record<string, unknown>; privateJwk: Record<string, unknown> }): Promise<SigningKeyRecord> {
    const [row] = await this.knex<Row>('signing_keys').insert({
      kid: input.kid,
      alg: input.alg,
      public_jwk: JSON.stringify(input.publicJwk) as unknown as Record<string, unknown>,
      private_jwk: JSON.stringify(input.privateJwk) as unknown as Record<string, unknown>,
      // Explicit clock time so that two keys added in one transaction still order.
      created_at: new Date(),
    }).returning('*');
    return toRecord(row as Row);
  }

  /** Keys that still verify, newest first (the first one signs). */
  async listLive(use: KeyUse = 'sig'): Promise<SigningKeyRecord[]> {
    return (await this.ofUse(use).whereNull('retired_at').orderBy('created_at', 'desc')).map(toRecord);
  }

  async listAll(use: KeyUse = 'sig'): Promise<SigningKeyRecord[]> {
    return (await this.ofUse(use).orderBy('created_at', 'desc')).map(toRecord);
  }

  /** Every row, whatever its use (sealing keys stored in clear). */
  async listEveryUse(): Promise<SigningKeyRecord[]> {
    return (await this.knex<Row>('signing_keys').orderBy('created_at', 'desc')).map(toRecord);
  }

  private ofUse(use: KeyUse) {
    const q = this.knex<Row>('signing_keys');
    return use === 'enc' ? q.where('alg', ENCRYPTION_KEY_ALG) : q.whereNot('alg', ENCRYPTION_KEY_ALG);
  }

  /** Rewrites a key's private part (encryption at rest of keys stored in clear before). */
  async replacePrivateJwk(kid: string, privateJwk: Record<string, unknown>): Promise<void> {
    await this.knex('signing_keys').where({ kid }).update({ private_jwk: JSON.stringify(privateJwk) });
  }

  async retire(kid: string): Promise<boolean> {
    return (await this.knex('signing_keys').where({ kid }).whereNot('alg', ENCRYPTION_KEY_ALG).whereNull('retired_at').update({ retired_at: this.knex.fn.now() })) > 0;
  }
}
