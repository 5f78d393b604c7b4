// @ts-check
/** How long a consent given under a habilitation lasts, in days (30 unless the habilitation says
 * otherwise); existing habilitations get the default. */
/** @param {import('knex').Knex} knex */
export async function up(knex) {
  await knex.schema.alterTable('habilitations', (t) => {
    t.integer('consent_days').notNullable().defaultTo(30);
  });
  await knex.raw('alter table habilitations add constraint habilitations_consent_days_check check (consent_days between 1 and 400)');
}
/** @param {import('knex').Knex} knex */
export async function down(knex) {
  await knex.schema.alterTable('habilitations', (t) => {
    t.dropColumn('consent_days');
  });
}
