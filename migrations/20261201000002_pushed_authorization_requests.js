// @ts-check
/** Pushed authorization requests (RFC 9126): the operator posts the parameters first and gets a
 * `request_uri`, valid 60 s and usable once. Only the SHA-256 of the request_uri is stored. Kept in
 * the database so that any instance of the hub can answer the browser's `/consent/authorize`. */
/** @param {import('knex').Knex} knex */
export async function up(knex) {
  await knex.schema.createTable('pushed_authorization_requests', (t) => {
    t.text('request_uri_hash').primary();
    t.uuid('operator_id').notNullable().references('id').inTable('operators');
    t.jsonb('parameters').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.timestamp('used_at', { useTz: true });
    t.index(['expires_at']);
  });
}
/** @param {import('knex').Knex} knex */
export async function down(knex) {
  await knex.schema.dropTable('pushed_authorization_requests');
}
