import type { Knex } from 'knex';
import { isUuid } from './operators-repository.js';

export type AuthorizationCodeRecord = {
  consentId: string;
  operatorId: string;
  redirectUri: string;
  codeChallenge: string;
  expiresAt: Date;
  /** Set by the first redemption. */
  usedAt: Date | null;
};

type Row = { code_hash: string; consent_id: string; operator_id: string; redirect_uri: string; code_challenge: string; expires_at: Date; used_at: Date | null };

/** One-time codes of the consent flow, keyed by their SHA-256 (the caller hashes). */
export class AuthorizationCodesRepository {
  constructor(private readonly knex: Knex) {}

  async add(input: { codeHash: string; consentId: string; operatorId: string; redirectUri: string; codeChallenge: string; expiresAt: Date }): Promise<void> {
    await this.knex('authorization_codes').insert({
      code_hash: input.codeHash,
      consent_id: input.consentId,
      operator_id: input.operatorId,
      redirect_uri: input.redirectUri,
      code_challenge: input.codeChallenge,
      expires_at: input.expiresAt,
    });
  }

  /**
   * Redeems a code presented by `operatorId`: marks it used and returns it with `firstUse: true`,
   * or — when it had been used already — returns it with `firstUse: false` (a replay: the caller
   * revokes the consent). Null for an unknown code or another operator's (which stays unused, so
   * a guess by another operator cannot burn it). One statement marks the use, so two concurrent
   * redemptions cannot both see a first use.
   */
  async redeem(codeHash: string, operatorId: string, now: Date): Promise<(AuthorizationCodeRecord & { firstUse: boolean }) | null> {
    if (!isUuid(operatorId)) return null;
    const [fresh] = await this.knex<Row>('authorization_codes')
      .where({ code_hash: codeHash, operator_id: operatorId })
      .whereNull('used_at')
      .update({ used_at: now })
      .returning('*');
    const row = (fresh as Row | undefined) ?? (await this.knex<Row>('authorization_codes').where({ code_hash: codeHash, operator_id: operatorId }).first());
    if (!row) return null;
    return {
      consentId: row.consent_id, operatorId: row.operator_id, redirectUri: row.redirect_uri, codeChallenge: row.code_challenge,
      expiresAt: row.expires_at, usedAt: row.used_at, firstUse: fresh !== undefined,
    };
  }
}
