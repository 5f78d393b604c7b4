// @ts-check
/** `journal_lock_head()`: takes the journal's append lock and returns the chain head (last seq and
 * hash; else the latest checkpoint's; else seq 0 and the genesis hash, 64 zeros) in ONE round trip.
 *
 * Why a function: a single `select pg_advisory_xact_lock(..), (select .. order by seq desc)` would
 * read the head with the statement's snapshot, taken BEFORE the lock was granted, and miss rows
 * committed by the previous holder. A VOLATILE plpgsql function takes a fresh snapshot for each
 * query it runs (READ COMMITTED), so the read after PERFORM sees them. The lock is transaction
 * scoped (released at COMMIT/ROLLBACK) and keyed by the table's oid, so hubs sharing a database
 * serialise their appends while different schemas (tests) do not contend. */
/** @param {import('knex').Knex} knex */
export async function up(knex) {
  await knex.raw(`
    create function journal_lock_head(out last_seq bigint, out last_hash text)
    language plpgsql volatile as $$
    begin
      perform pg_advisory_xact_lock('journal_entries'::regclass::oid::bigint);
      select e.seq, e.hash into last_seq, last_hash from journal_entries e order by e.seq desc limit 1;
      if not found then
        select c.seq, c.hash into last_seq, last_hash from journal_checkpoints c order by c.seq desc limit 1;
        if not found then
          last_seq := 0;
          last_hash := repeat('0', 64);
        end if;
      end if;
    end $$`);
}
/** @param {import('knex').Knex} knex */
export async function down(knex) {
  await knex.raw('drop function journal_lock_head()');
}
