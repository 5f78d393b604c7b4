// @ts-check
/** Operators (fournisseurs de service), identified by SIRET. Soft-deleted so that the journal
 * and token checks can still name them ("token of a deleted operator"). */
/** @param {import('knex').Knex} knex */
export async function up(knex) {
  await knex.schema.createTable('operators', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('name').notNullable();
    t.string('siret', 14).notNullable();
    t.text('contact');
    t.boolean('demo').notNullable().defaultTo(false);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('deleted_at', { useTz: true });
  });
  await knex.raw('create unique index operators_siret_live on operators (siret) where deleted_at is null');
}
/** @param {import('knex').Knex} knex */
export async function down(knex) {
  await knex.schema.dropTable('operators');
}
