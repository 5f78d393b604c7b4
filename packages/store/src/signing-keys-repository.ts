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
  async listLive(): Promise<SigningKeyRecord[]> {
    return (await this.knex<Row>('signing_keys').whereNull('retired_at').orderBy('created_at', 'desc')).map(toRecord);
  }

  async listAll(): Promise<SigningKeyRecord[]> {
    return (await this.knex<Row>('signing_keys').orderBy('created_at', 'desc')).map(toRecord);
  }

  /** Rewrites a key's private part (encryption at rest of keys stored in clear before). */
  async replacePrivateJwk(kid: string, privateJwk: Record<string, unknown>): Promise<void> {
    await this.knex('signing_keys').where({ kid }).update({ private_jwk: JSON.stringify(privateJwk) });
  }

  async retire(kid: string): Promise<boolean> {
    return (await this.knex('signing_keys').where({ kid }).whereNull('retired_at').update({ retired_at: this.knex.fn.now() })) > 0;
  }
}
