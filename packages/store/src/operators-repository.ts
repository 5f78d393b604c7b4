import type { Knex } from 'knex';

export type OperatorRecord = {
  id: string;
  name: string;
  siret: string;
  contact: string | null;
  demo: boolean;
  createdAt: Date;
  deletedAt: Date | null;
  /** Its FranceConnect client id (FranceConnect mode), if registered. */
  franceConnectClientId: string | null;
};

type Row = { id: string; name: string; siret: string; contact: string | null; demo: boolean; created_at: Date; deleted_at: Date | null; franceconnect_client_id: string | null };
const toRecord = (r: Row): OperatorRecord => ({
  id: r.id, name: r.name, siret: r.siret, contact: r.contact, demo: r.demo, createdAt: r.created_at, deletedAt: r.deleted_at,
  franceConnectClientId: r.franceconnect_client_id ?? null,
});

export class OperatorsRepository {
  constructor(private readonly knex: Knex) {}

  async add(input: { name: string; siret: string; contact?: string | null; demo?: boolean }): Promise<OperatorRecord> {
    const [row] = await this.knex<Row>('operators')
      .insert({ name: input.name, siret: input.siret, contact: input.contact ?? null, demo: input.demo ?? false })
      .returning('*');
    return toRecord(row as Row);
  }

  async findById(id: string): Promise<OperatorRecord | null> {
    if (!isUuid(id)) return null;
    const row = await this.knex<Row>('operators').where({ id }).first();
    return row ? toRecord(row) : null;
  }

  async findLiveBySiret(siret: string): Promise<OperatorRecord | null> {
    const row = await this.knex<Row>('operators').where({ siret }).whereNull('deleted_at').first();
    return row ? toRecord(row) : null;
  }

  async list(): Promise<OperatorRecord[]> {
    return (await this.knex<Row>('operators').orderBy('created_at')).map(toRecord);
  }

  async count(): Promise<number> {
    const [row] = await this.knex('operators').count<{ count: string | number }[]>('* as count');
    return Number(row?.count ?? 0);
  }

  /** Soft delete: tokens of a deleted operator are refused, its journal entries stay readable. */
  /** Registers (or, with null, removes) the operator's FranceConnect client id; false when
   * another operator already holds it (unique). */
  async setFranceConnectClient(id: string, clientId: string | null): Promise<boolean> {
    if (clientId !== null) {
      const holder = await this.knex<Row>('operators').where({ franceconnect_client_id: clientId }).whereNot({ id }).first();
      if (holder) return false;
    }
    await this.knex('operators').where({ id }).update({ franceconnect_client_id: clientId });
    return true;
  }

  async delete(id: string): Promise<boolean> {
    if (!isUuid(id)) return false;
    const n = await this.knex('operators').where({ id }).whereNull('deleted_at').update({ deleted_at: this.knex.fn.now() });
    return n > 0;
  }
}

export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
