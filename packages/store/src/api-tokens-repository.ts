import type { Knex } from 'knex';
import { isUuid } from './operators-repository.js';

export type ApiTokenRecord = {
  jti: string;
  operatorId: string;
  kid: string;
  issuedAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
};

/** A token row joined with its operator, as read on each (uncached) authentication. */
export type TokenPrincipalRow = ApiTokenRecord & {
  operator: { id: string; name: string; siret: string; deletedAt: Date | null };
};

type Row = { jti: string; operator_id: string; kid: string; issued_at: Date; expires_at: Date; revoked_at: Date | null };
const toRecord = (r: Row): ApiTokenRecord => ({
  jti: r.jti, operatorId: r.operator_id, kid: r.kid, issuedAt: r.issued_at, expiresAt: r.expires_at, revokedAt: r.revoked_at,
});

export class ApiTokensRepository {
  constructor(private readonly knex: Knex) {}

  async add(input: { jti: string; operatorId: string; kid: string; issuedAt: Date; expiresAt: Date }): Promise<ApiTokenRecord> {
    const [row] = await this.knex<Row>('api_tokens').insert({
      jti: input.jti, operator_id: input.operatorId, kid: input.kid, issued_at: input.issuedAt, expires_at: input.expiresAt,
    }).returning('*');
    return toRecord(row as Row);
  }

  async findWithOperator(jti: string): Promise<TokenPrincipalRow | null> {
    if (!isUuid(jti)) return null;
    const row = await this.knex('api_tokens as t')
      .join('operators as o', 'o.id', 't.operator_id')
      .where('t.jti', jti)
      .first<Row & { o_name: string; o_siret: string; o_deleted_at: Date | null }>(
        't.*', 'o.name as o_name', 'o.siret as o_siret', 'o.deleted_at as o_deleted_at',
      );
    if (!row) return null;
    return {
      ...toRecord(row),
      operator: { id: row.operator_id, name: row.o_name, siret: row.o_siret, deletedAt: row.o_deleted_at },
    };
  }

  async revoke(jti: string): Promise<'revoked' | 'already_revoked' | 'unknown'> {
    if (!isUuid(jti)) return 'unknown';
    const n = await this.knex('api_tokens').where({ jti }).whereNull('revoked_at').update({ revoked_at: this.knex.fn.now() });
    if (n > 0) return 'revoked';
    return (await this.knex('api_tokens').where({ jti }).first()) ? 'already_revoked' : 'unknown';
  }
}
