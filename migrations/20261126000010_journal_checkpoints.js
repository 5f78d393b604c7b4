// @ts-check
/** Journal checkpoints (docs/operations.md#retention). When old journal entries are pruned, one row
 * records the last pruned entry's `seq` and `hash`, signed by the hub: verification of the chain
 * then starts from the latest checkpoint. Rows are never updated or deleted (trigger). */
/** @param {import('knex').Knex} knex */
export async function up(knex) {
  await knex.schema.createTable('journal_checkpoints', (t) => {
    t.bigInteger('seq').primary();
    t.text('hash').notNullable();
    t.timestamp('pruned_at', { useTz: true }).notNullable();
    t.bigInteger('count').notNullable();
    t.text('signature').notNullable();
  });
  await knex.raw(`alter table journal_checkpoints add constraint journal_checkpoints_hash_check check (hash ~ '^[0-9a-f]{64}$')`);
  await knex.raw(`
    create function journal_checkpoints_refuse_change() returns trigger language plpgsql as $$
    begin
      raise exception 'journal_checkpoints is append-only: % refused', tg_op
        using errcode = 'insufficient_privilege',
              hint = 'Journal checkpoints are evidence (DESIGN.md §9); they are never modified.';
    end $$`);
  await knex.raw(`create trigger journal_checkpoints_append_only before update or delete on journal_checkpoints
    for each row execute function journal_checkpoints_refuse_change()`);
  await knex.raw(`create trigger journal_checkpoints_no_truncate before truncate on journal_checkpoints
    for each statement execute function journal_checkpoints_refuse_change()`);
}
/** @param {import('knex').Knex} knex */
export async function down(knex) {
  await knex.schema.dropTable('journal_checkpoints');
  await knex.raw('drop function journal_checkpoints_refuse_change()');
}
