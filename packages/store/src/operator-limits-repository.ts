import type { Knex } from 'knex';

/** Per-operator overrides of the rate limit and the daily distinct-citizen quota (null: the default). */
export type OperatorLimits = { ratePerMinute: number | null; dailySubjects: number | null };

type Row = { operator_id: string; rate_per_minute: number | null; daily_subjects: number | null };

export class OperatorLimitsRepository {
  constructor(private readonly knex: Knex) {}

  async get(operatorId: string): Promise<OperatorLimits> {
    const row = await this.knex<Row>('operator_limits').where({ operator_id: operatorId }).first();
    return { ratePerMinute: row?.rate_per_minute ?? null, dailySubjects: row?.daily_subjects ?? null };
  }

  /** Sets the given limits (undefined: unchanged, null: back to the default); returns the stored ones. */
  async set(operatorId: string, limits: { ratePerMinute?: number | null; dailySubjects?: number | null }): Promise<OperatorLimits> {
    const changes: Partial<Row> = {};
    if (limits.ratePerMinute !== undefined) changes.rate_per_minute = limits.ratePerMinute;
    if (limits.dailySubjects !== undefined) changes.daily_subjects = limits.dailySubjects;
    const [row] = await this.knex<Row>('operator_limits')
      .insert({ operator_id: operatorId, rate_per_minute: null, daily_subjects: null, ...changes })
      .onConflict('operator_id').merge({ ...changes, updated_at: this.knex.fn.now() } as never)
      .returning(['rate_per_minute', 'daily_subjects']);
    return { ratePerMinute: row?.rate_per_minute ?? null, dailySubjects: row?.daily_subjects ?? null };
  }
}
