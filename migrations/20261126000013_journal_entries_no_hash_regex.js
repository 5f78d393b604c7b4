// @ts-check
/** Drops the regular-expression CHECK on `journal_entries.hash` / `prev_hash`.
 *
 * Measured on the benchmark machine: evaluating the two `~ '^[0-9a-f]{64}$'` tests cost PostgreSQL
 * 20–40 µs of CPU per inserted entry — a third of an entry's whole insert cost, paid on every
 * release of personal data. It protected nothing the chain does not: the only writer computes the
 * hashes, and `hub audit verify` recomputes every hash and link, so a malformed (or merely wrong)
 * value fails verification at its row either way. Checkpoints keep their check (rare writes). */
/** @param {import('knex').Knex} knex */
export async function up(knex) {
  await knex.raw('alter table journal_entries drop constraint if exists journal_entries_hash_check');
}
/** @param {import('knex').Knex} knex */
export async function down(knex) {
  await knex.raw(`alter table journal_entries add constraint journal_entries_hash_check
    check (hash ~ '^[0-9a-f]{64}$' and prev_hash ~ '^[0-9a-f]{64}$')`);
}
