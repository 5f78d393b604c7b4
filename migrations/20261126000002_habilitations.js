// @ts-check
/** Habilitations: scopes, purpose (code + text), legal basis (cadre juridique), validity. */
/** @param {import('knex').Knex} knex */
export async function up(knex) {
  await knex.schema.createTable('habilitations', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('operator_id').notNullable().references('id').inTable('operators');
    t.specificType('scopes', 'text[]').notNullable();
    t.text('purpose_code').notNullable();
    t.text('purpose').notNullable();
    t.text('legal_basis').notNullable();
    t.timestamp('valid_from', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('valid_until', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['operator_id']);
  });
}
/** @param {import('knex').Knex} knex */
export async function down(knex) {
  await knex.schema.dropTable('habilitations');
}
