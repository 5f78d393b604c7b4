// @ts-check
/** The signed consent receipt (compact JWS, ISO/IEC TS 27560-shaped record), issued when the
 * citizen approves; null for consents created without the citizen (sandbox `hub consent grant`). */
/** @param {import('knex').Knex} knex */
export async function up(knex) {
  await knex.schema.alterTable('consents', (t) => {
    t.text('receipt');
  });
}
/** @param {import('knex').Knex} knex */
export async function down(knex) {
  await knex.schema.alterTable('consents', (t) => {
    t.dropColumn('receipt');
  });
}
