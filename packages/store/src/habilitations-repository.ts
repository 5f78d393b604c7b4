import type { Knex } from 'knex';

export type HabilitationRecord = {
  id: string;
  operatorId: string;
  scopes: string[];
  purposeCode: string;
  purpose: string;
  legalBasis: string;
  validFrom: Date;
  validUntil: Date | null;
  /** How long a consent given under this habilitation lasts (30 days by default). */
  consentDays: number;
};

type Row = {
  id: string; operator_id: string; scopes: string[]; purpose_code: string; purpose: string;
  legal_basis: string; valid_from: Date; valid_until: Date | null; consent_days: number;
};
const toRecord = (r: Row): HabilitationRecord => ({
  id: r.id, operatorId: r.operator_id, scopes: r.scopes, purposeCode: r.purpose_code, purpose: r.purpose,
  legalBasis: r.legal_basis, validFrom: r.valid_from, validUntil: r.valid_until, consentDays: r.consent_days ?? 30,
});

export class HabilitationsRepository {
  constructor(private readonly knex: Knex) {}

  async grant(input: {
    operatorId: string; scopes: string[]; purposeCode: string; purpose: string; legalBasis: string;
    validFrom?: Date; validUntil?: Date | null; consentDays?: number;
  }): Promise<HabilitationRecord> {
    const [row] = await this.knex<Row>('habilitations').insert({
      operator_id: input.operatorId,
      scopes: input.scopes,
      purpose_code: input.purposeCode,
      purpose: input.purpose,
      legal_basis: input.legalBasis,
      // Database time, as listInForce compares with: no skew between the CLI's and the hub's clocks.
      valid_from: input.validFrom ?? this.knex.fn.now(),
      valid_until: input.validUntil ?? null,
      ...(input.consentDays !== undefined ? { consent_days: input.consentDays } : {}),
    }).returning('*');
    return toRecord(row as Row);
  }

  /** Habilitations in force at `at` (valid_from ≤ at < valid_until); by default the database's now. */
  async listInForce(operatorId: string, at?: Date): Promise<HabilitationRecord[]> {
    const when = at ?? this.knex.fn.now();
    const rows = await this.knex<Row>('habilitations')
      .where({ operator_id: operatorId })
      .where('valid_from', '<=', when)
      .where((q) => q.whereNull('valid_until').orWhere('valid_until', '>', when))
      .orderBy('valid_from');
    return rows.map(toRecord);
  }
}
