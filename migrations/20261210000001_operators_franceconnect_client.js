// @ts-check
/** FranceConnect mode: the operator's own FranceConnect client id (`hub operator franceconnect-client`).
 * A citizen's access token is accepted from an operator only when FranceConnect says it was
 * obtained by that client (`token_introspection.aud`); one client belongs to one operator. */
/** @param {import('knex').Knex} knex */
export async function up(knex) {
  await knex.schema.alterTable('operators', (t) => {
    t.text('franceconnect_client_id').unique();
  });
}
/** @param {import('knex').Knex} knex */
export async function down(knex) {
  await knex.schema.alterTable('operators', (t) => {
    t.dropColumn('franceconnect_client_id');
  });
}
