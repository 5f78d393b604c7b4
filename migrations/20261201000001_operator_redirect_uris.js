// @ts-check
/** Redirect URIs registered per operator for the consent flow (docs/contract.md#http-surface): `/consent/authorize`
 * sends the browser back only to a URI listed here, compared as an exact string (RFC 9700 §4.1.3). */
/** @param {import('knex').Knex} knex */
export async function up(knex) {
  await knex.schema.createTable('operator_redirect_uris', (t) => {
    t.uuid('operator_id').notNullable().references('id').inTable('operators');
    t.text('uri').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['operator_id', 'uri']);
  });
}
/** @param {import('knex').Knex} knex */
export async function down(knex) {
  await knex.schema.dropTable('operator_redirect_uris');
}
