import type { Knex } from 'knex';

/**
 * The distinct subject pseudonyms an operator read for a purpose on a UTC day, one row each
 * (unique on operator, purpose, day, subject), shared by every instance.
 */
export class SubjectQuotaRepository {
  constructor(private readonly knex: Knex) {}

  /**
   * Admits each subject unless admitting it would take the day's distinct count over `limit`;
   * returns the refused pseudonyms. A subject already counted today is always admitted. Rows are
   * inserted first and counted after, and a new row that finds the count over the limit is
   * removed again: concurrent requests at the boundary may both be refused, never both admitted.
   */
  async admit(operatorId: string, purpose: string, day: string, subjectRefs: readonly string[], limit: number): Promise<Set<string>> {
    const refs = [...new Set(subjectRefs)];
    const refused = new Set<string>();
    if (refs.length === 0) return refused;
    const inserted = await this.knex('subject_quota_uses')
      .insert(refs.map((subject_ref) => ({ operator_id: operatorId, purpose, day, subject_ref })))
      .onConflict(['operator_id', 'purpose', 'day', 'subject_ref']).ignore()
      .returning<{ subject_ref: string }[]>('subject_ref');
    if (inserted.length === 0) return refused;
    const [row] = await this.knex('subject_quota_uses')
      .where({ operator_id: operatorId, purpose, day }).count<{ count: string | number }[]>({ count: '*' });
    const over = Number(row?.count ?? 0) - limit;
    if (over <= 0) return refused;
    // The newest rows (this request's) leave again, as many as the count is over.
    const excess = inserted.slice(-Math.min(over, inserted.length)).map((r) => r.subject_ref);
    await this.knex('subject_quota_uses').where({ operator_id: operatorId, purpose, day }).whereIn('subject_ref', excess).delete();
    for (const ref of excess) refused.add(ref);
    return refused;
  }

  /** Removes the rows of days before `day` (they no longer count). */
  async pruneBefore(day: string): Promise<number> {
    return this.knex('subject_quota_uses').where('day', '<', day).delete();
  }
}
