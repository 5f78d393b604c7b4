// @ts-check
/** The journal (docs/contract.md#journal): one row per release of personal data about one subject, hash-chained.
 *
 * `seq` is assigned by the writer as last+1 under an advisory lock (see journal_lock_head), not by
 * a sequence: a rolled-back transaction would burn sequence values and leave gaps that verification
 * could not tell from deleted rows. The primary key on `seq` is the last guard against a fork.
 *
 * Append-only at the database level: a trigger refuses UPDATE and TRUNCATE always, and DELETE
 * unless (a) the transaction set `hub.journal_prune = on` (set_config(..., true), which only
 * pruneJournal does) and (b) the row is covered by a checkpoint already written (seq <= the
 * latest journal_checkpoints.seq). Trade-off, honestly: the flag is not a privilege, so a session
 * with the hub's role that sets it on purpose can delete a checkpointed prefix; what it cannot do
 * silently is delete anything else, and a checkpoint it forges fails signature verification
 * unless it also holds the hub's signing key. The table owner can disable the trigger entirely;
 * against that, only the hash chain (and signed checkpoints) testify. In production, run
 * migrations as an owner role and grant the hub's role only SELECT and INSERT on both tables.
 */
/** @param {import('knex').Knex} knex */
export async function up(knex) {
  await knex.schema.createTable('journal_entries', (t) => {
    t.bigInteger('seq').primary();
    // Random (v4) and only ever looked up by seq: no unique index, one less per INSERT.
    t.uuid('id').notNullable();
    t.timestamp('recorded_at', { useTz: true }).notNullable();
    t.text('request_id').notNullable();
    t.text('operator_id').notNullable();
    t.text('token_jti').notNullable();
    t.text('consent_id').notNullable();
    t.text('subject_ref').notNullable();
    t.text('purpose').notNullable();
    t.jsonb('released_fields').notNullable();
    t.jsonb('released_scopes').notNullable();
    t.jsonb('upstream_calls').notNullable();
    t.jsonb('denied_fields').notNullable();
    t.text('prev_hash').notNullable();
    t.text('hash').notNullable();
    // The citizen's access log (newest first) and the operator's export (by seq).
    t.index(['subject_ref', 'seq']);
    t.index(['operator_id', 'seq']);
    // Pruning by age, export by date.
    t.index(['recorded_at']);
  });
  await knex.raw(`alter table journal_entries add constraint journal_entries_hash_check
    check (hash ~ '^[0-9a-f]{64}$' and prev_hash ~ '^[0-9a-f]{64}$')`);
  await knex.raw(`
    create function journal_entries_refuse_change() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE'
         and current_setting('hub.journal_prune', true) = 'on'
         and old.seq <= (select max(c.seq) from journal_checkpoints c) then
        return old;
      end if;
      raise exception 'journal_entries is append-only: % refused', tg_op
        using errcode = 'insufficient_privilege',
              hint = 'Journal entries are evidence (DESIGN.md §9); only pruneJournal deletes entries covered by a signed checkpoint.';
    end $$`);
  await knex.raw(`create trigger journal_entries_append_only before update or delete on journal_entries
    for each row execute function journal_entries_refuse_change()`);
  await knex.raw(`create trigger journal_entries_no_truncate before truncate on journal_entries
    for each statement execute function journal_entries_refuse_change()`);
}
/** @param {import('knex').Knex} knex */
export async function down(knex) {
  await knex.schema.dropTable('journal_entries');
  await knex.raw('drop function journal_entries_refuse_change()');
}
