// @ts-check
/** One-time authorization codes of the consent flow: stored as SHA-256, valid 60 s, bound to the
 * operator, the redirect URI and the PKCE challenge; `used_at` lets a replay be recognised (and the
 * consent it produced revoked, RFC 6749 §4.1.2). */
/** @param {import('knex').Knex} knex */
export async function up(knex) {
  await knex.schema.createTable('authorization_codes', (t) => {
    t.text('code_hash').primary();
    t.uuid('consent_id').notNullable().references('id').inTable('consents');
    t.uuid('operator_id').notNullable().references('id').inTable('operators');
    t.text('redirect_uri').notNullable();
    t.text('code_challenge').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.timestamp('used_at', { useTz: true });
    t.index(['expires_at']);
  });
}
/** @param {import('knex').Knex} knex */
export async function down(knex) {
  await knex.schema.dropTable('authorization_codes');
}
