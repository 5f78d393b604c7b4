// @ts-check
/** FranceConnect mode in the journal: the consent kind (`franceconnect`; NULL for a hub consent)
 * and the SHA-256 of the FranceConnect access token's `jti`. Both are hashed fields of the
 * `optional` kind: NULL (absent) in every earlier entry, whose encoding and hash do not change. */
/** @param {import('knex').Knex} knex */
export async function up(knex) {
  await knex.schema.alterTable('journal_entries', (t) => {
    t.text('consent_kind');
    t.text('franceconnect_jti');
  });
}
/** @param {import('knex').Knex} knex */
export async function down(knex) {
  await knex.schema.alterTable('journal_entries', (t) => {
    t.dropColumn('consent_kind');
    t.dropColumn('franceconnect_jti');
  });
}
