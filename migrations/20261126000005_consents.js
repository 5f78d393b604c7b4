// @ts-check
/** Citizen consents. `subject` holds the identity pivot and identifiers the citizen gave (personal
 * data, read only to call upstreams); `subject_ref` is the keyed pseudonym used by the journal. */
/** @param {import('knex').Knex} knex */
export async function up(knex) {
  await knex.schema.createTable('consents', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('operator_id').notNullable().references('id').inTable('operators');
    t.text('subject_ref').notNullable();
    t.jsonb('subject').notNullable();
    t.specificType('scopes', 'text[]').notNullable();
    t.text('purpose').notNullable();
    t.text('status').notNullable().defaultTo('active');
    t.jsonb('evidence').notNullable().defaultTo('{}');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.timestamp('revoked_at', { useTz: true });
    t.index(['subject_ref']);
    t.index(['operator_id']);
  });
  await knex.raw(`alter table consents add constraint consents_status_check check (status in ('active', 'revoked'))`);
}
/** @param {import('knex').Knex} knex */
export async function down(knex) {
  await knex.schema.dropTable('consents');
}
