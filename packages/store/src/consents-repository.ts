import type { Knex } from 'knex';
import type { SubjectIdentity } from '@hub/core';
import { isUuid } from './operators-repository.js';
import { namedQuery, type NamedStatement } from './pg-client.js';

export type ConsentStatus = 'active' | 'revoked';

export type ConsentRecord = {
  id: string;
  operatorId: string;
  /** Keyed pseudonym of the subject (HMAC), safe for the journal. */
  subjectRef: string;
  /** Identity pivot + identifiers: personal, used only to call upstreams. */
  subject: SubjectIdentity;
  scopes: string[];
  purpose: string;
  status: ConsentStatus;
  evidence: Record<string, unknown>;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  /** Signed consent receipt (compact JWS), when the citizen gave the consent in the flow. */
  receipt: string | null;
};

/** What answering a query needs of a consent. */
export type ConsentForQuery = Pick<ConsentRecord, 'id' | 'operatorId' | 'subjectRef' | 'subject' | 'scopes' | 'purpose' | 'status' | 'expiresAt'>;

type Row = {
  id: string; operator_id: string; subject_ref: string; subject: SubjectIdentity; scopes: string[]; purpose: string;
  status: ConsentStatus; evidence: Record<string, unknown>; created_at: Date; expires_at: Date; revoked_at: Date | null;
  receipt: string | null;
};
const toRecord = (r: Row): ConsentRecord => ({
  id: r.id, operatorId: r.operator_id, subjectRef: r.subject_ref, subject: r.subject, scopes: r.scopes, purpose: r.purpose,
  status: r.status, evidence: r.evidence, createdAt: r.created_at, expiresAt: r.expires_at, revokedAt: r.revoked_at,
  receipt: r.receipt ?? null,
});

const FIND_BY_IDS: NamedStatement = {
  name: 'hub_consents_find_by_ids',
  text: 'select id, operator_id, subject_ref, subject, scopes, purpose, status, expires_at from consents where id = any($1::uuid[])',
};

export class ConsentsRepository {
  constructor(private readonly knex: Knex) {}

  async add(input: {
    operatorId: string; subjectRef: string; subject: SubjectIdentity; scopes: string[]; purpose: string;
    expiresAt: Date; evidence?: Record<string, unknown>; id?: string; createdAt?: Date; receipt?: string;
  }): Promise<ConsentRecord> {
    const [row] = await this.knex<Row>('consents').insert({
      operator_id: input.operatorId,
      subject_ref: input.subjectRef,
      subject: JSON.stringify(input.subject) as unknown as SubjectIdentity,
      scopes: input.scopes,
      purpose: input.purpose,
      expires_at: input.expiresAt,
      evidence: JSON.stringify(input.evidence ?? {}) as unknown as Record<string, unknown>,
      // The consent flow chooses the id and time itself: its receipt, signed before the insert, names them.
      ...(input.id ? { id: input.id } : {}),
      ...(input.createdAt ? { created_at: input.createdAt } : {}),
      ...(input.receipt ? { receipt: input.receipt } : {}),
    }).returning('*');
    return toRecord(row as Row);
  }

  async findById(id: string): Promise<ConsentRecord | null> {
    if (!isUuid(id)) return null;
    const row = await this.knex<Row>('consents').where({ id }).first();
    return row ? toRecord(row) : null;
  }

  /** One round trip for a batch of consent ids (every person query): the columns a query needs. */
  async findByIds(ids: string[]): Promise<Map<string, ConsentForQuery>> {
    const valid = [...new Set(ids.filter(isUuid))];
    if (valid.length === 0) return new Map();
    // Raw SQL on the hot path (every person query): the query builder costs more than the query.
    const rows = await namedQuery<Row>(this.knex, FIND_BY_IDS, [valid]);
    return new Map(rows.map((r) => [r.id, {
      id: r.id, operatorId: r.operator_id, subjectRef: r.subject_ref, subject: r.subject, scopes: r.scopes,
      purpose: r.purpose, status: r.status, expiresAt: r.expires_at,
    }]));
  }

  async listBySubjectRef(subjectRef: string): Promise<ConsentRecord[]> {
    return (await this.knex<Row>('consents').where({ subject_ref: subjectRef }).orderBy('created_at', 'desc')).map(toRecord);
  }

  async revoke(id: string, subjectRef?: string): Promise<'revoked' | 'already_revoked' | 'unknown'> {
    if (!isUuid(id)) return 'unknown';
    const q = this.knex('consents').where({ id, status: 'active' });
    if (subjectRef) q.andWhere({ subject_ref: subjectRef });
    const n = await q.update({ status: 'revoked', revoked_at: this.knex.fn.now() });
    if (n > 0) return 'revoked';
    const existing = this.knex('consents').where({ id });
    if (subjectRef) existing.andWhere({ subject_ref: subjectRef });
    return (await existing.first()) ? 'already_revoked' : 'unknown';
  }
}
