import type { Knex } from 'knex';
import { isUuid } from './operators-repository.js';

/**
 * Pushed authorization requests (RFC 9126), keyed by the SHA-256 of their `request_uri` (the
 * caller hashes): a leak of this table gives no usable request_uri.
 */
export class PushedRequestsRepository {
  constructor(private readonly knex: Knex) {}

  async add(input: { requestUriHash: string; operatorId: string; parameters: Record<string, string>; expiresAt: Date }): Promise<void> {
    await this.knex('pushed_authorization_requests').insert({
      request_uri_hash: input.requestUriHash,
      operator_id: input.operatorId,
      parameters: JSON.stringify(input.parameters),
      expires_at: input.expiresAt,
    });
  }

  /**
   * Marks the request used and returns its parameters — once: a second call, an expired request,
   * or a request pushed by another operator, gives null. One statement, so two instances racing
   * on the same request_uri cannot both win.
   */
  async consume(requestUriHash: string, operatorId: string, now: Date): Promise<Record<string, string> | null> {
    if (!isUuid(operatorId)) return null;
    const rows = await this.knex('pushed_authorization_requests')
      .where({ request_uri_hash: requestUriHash, operator_id: operatorId })
      .whereNull('used_at')
      .where('expires_at', '>', now)
      .update({ used_at: now })
      .returning<{ parameters: Record<string, string> }[]>('parameters');
    return rows[0]?.parameters ?? null;
  }

  /** Deletes requests expired before `before` (housekeeping). */
  async purgeExpired(before: Date): Promise<number> {
    return this.knex('pushed_authorization_requests').where('expires_at', '<', before).delete();
  }
}
