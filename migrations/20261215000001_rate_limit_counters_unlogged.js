// @ts-check
/** `rate_limit_counters` becomes UNLOGGED: its upsert (one per paced batch of requests) then writes
 * no WAL and its commit waits for no disk flush. The price, acceptable for counters of one-minute
 * windows: after a PostgreSQL crash (or on a promoted standby) the table starts empty, so the
 * tokens get a fresh window. The daily distinct-citizen quota (`subject_quota_uses`) stays logged.
 * (docs/contract.md#rate-limits-and-quotas) */
/** @param {import('knex').Knex} knex */
export async function up(knex) {
  await knex.raw('alter table rate_limit_counters set unlogged');
}
/** @param {import('knex').Knex} knex */
export async function down(knex) {
  await knex.raw('alter table rate_limit_counters set logged');
}
