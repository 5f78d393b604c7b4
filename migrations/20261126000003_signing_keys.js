// @ts-check
/** The hub's signing keys (ES256). The newest active key signs; older non-retired keys still
 * verify (rotation); a retired key verifies nothing and is no longer published. */
/** @param {import('knex').Knex} knex */
export async function up(knex) {
  await knex.schema.createTable('signing_keys', (t) => {
    t.text('kid').primary();
    t.text('alg').notNullable();
    t.jsonb('public_jwk').notNullable();
    t.jsonb('private_jwk').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('retired_at', { useTz: true });
  });
}
/** @param {import('knex').Knex} knex */
export async function down(knex) {
  await knex.schema.dropTable('signing_keys');
}
