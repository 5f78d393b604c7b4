// @ts-check
/** Operator API tokens: the `jti` row is authoritative for expiry and revocation. */
/** @param {import('knex').Knex} knex */
export async function up(knex) {
  await knex.schema.createTable('api_tokens', (t) => {
    t.uuid('jti').primary();
    t.uuid('operator_id').notNullable().references('id').inTable('operators');
    t.text('kid').notNullable().references('kid').inTable('signing_keys');
    t.timestamp('issued_at', { useTz: true }).notNullable();
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.timestamp('revoked_at', { useTz: true });
    t.index(['operator_id']);
  });
}
/** @param {import('knex').Knex} knex */
export async function down(knex) {
  await knex.schema.dropTable('api_tokens');
}
