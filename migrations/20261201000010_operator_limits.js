// @ts-check
/** Rate limit and daily distinct-citizen quota (docs/contract.md#errors, RATE_LIMITED):
 * - `operator_limits`: per-operator overrides set by `hub operator limits` (null: the default);
 * - `rate_limit_counters`: the request counters shared by every instance (rate-limiter-flexible's
 *   PostgreSQL layout: key, points, expire in epoch milliseconds);
 * - `subject_quota_uses`: one row per distinct subject pseudonym read by an operator for a purpose
 *   on a UTC day (the pseudonym is the journal's keyed hash, never the identity). */
/** @param {import('knex').Knex} knex */
export async function up(knex) {
  await knex.schema.createTable('operator_limits', (t) => {
    t.uuid('operator_id').primary().references('id').inTable('operators');
    t.integer('rate_per_minute');
    t.integer('daily_subjects');
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.schema.createTable('rate_limit_counters', (t) => {
    t.string('key', 255).primary();
    t.integer('points').notNullable().defaultTo(0);
    t.bigInteger('expire');
  });
  await knex.schema.createTable('subject_quota_uses', (t) => {
    t.uuid('operator_id').notNullable();
    t.text('purpose').notNullable();
    t.date('day').notNullable();
    t.text('subject_ref').notNullable();
    t.primary(['operator_id', 'purpose', 'day', 'subject_ref']);
  });
}
/** @param {import('knex').Knex} knex */
export async function down(knex) {
  await knex.schema.dropTable('subject_quota_uses');
  await knex.schema.dropTable('rate_limit_counters');
  await knex.schema.dropTable('operator_limits');
}
