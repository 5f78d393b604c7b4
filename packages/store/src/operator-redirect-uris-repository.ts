import type { Knex } from 'knex';
import { isUuid } from './operators-repository.js';

/** The redirect URIs an operator registered for the consent flow; compared as exact strings. */
export class OperatorRedirectUrisRepository {
  constructor(private readonly knex: Knex) {}

  /** Adds a URI; false when it was already registered. */
  async add(operatorId: string, uri: string): Promise<boolean> {
    const rows = await this.knex('operator_redirect_uris')
      .insert({ operator_id: operatorId, uri })
      .onConflict(['operator_id', 'uri']).ignore()
      .returning('uri');
    return rows.length > 0;
  }

  /** Removes a URI; false when it was not registered. */
  async remove(operatorId: string, uri: string): Promise<boolean> {
    if (!isUuid(operatorId)) return false;
    return (await this.knex('operator_redirect_uris').where({ operator_id: operatorId, uri }).delete()) > 0;
  }

  async list(operatorId: string): Promise<string[]> {
    if (!isUuid(operatorId)) return [];
    const rows = await this.knex('operator_redirect_uris').where({ operator_id: operatorId }).orderBy('created_at').select<{ uri: string }[]>('uri');
    return rows.map((r) => r.uri);
  }

  async isRegistered(operatorId: string, uri: string): Promise<boolean> {
    if (!isUuid(operatorId)) return false;
    return (await this.knex('operator_redirect_uris').where({ operator_id: operatorId, uri }).first()) !== undefined;
  }
}
