import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createStore, migrateLatest, type Store } from '@hub/store';
import { openTestDatabase } from '../support/test-database.js';

let store: Store;
let close: () => Promise<void>;

beforeAll(async () => {
  const db = await openTestDatabase();
  close = db.close;
  store = createStore(db);
});
afterAll(async () => close?.());

describe('store', () => {
  it('migrations are idempotent', async () => {
    const again = await migrateLatest(store.db.knex);
    expect(again.applied).toEqual([]);
  });

  it('keeps scopes as arrays and finds habilitations in force only', async () => {
    const op = await store.operators.add({ name: 'Mairie de Test', siret: '21750001600019' });
    const now = new Date();
    await store.habilitations.grant({ operatorId: op.id, scopes: ['cnaf_quotient_familial', 'cnaf_enfants'], purposeCode: 'cantine', purpose: 'Tarif cantine', legalBasis: 'Délibération 2024-12' });
    await store.habilitations.grant({ operatorId: op.id, scopes: ['dgfip_revenu_fiscal_reference'], purposeCode: 'old', purpose: 'Ancienne', legalBasis: 'x', validFrom: new Date(now.getTime() - 86_400_000 * 10), validUntil: new Date(now.getTime() - 86_400_000) });
    const inForce = await store.habilitations.listInForce(op.id);
    expect(inForce).toHaveLength(1);
    expect(inForce[0]?.scopes).toEqual(['cnaf_quotient_familial', 'cnaf_enfants']);
  });

  it('a SIRET is unique among live operators but can be reused after deletion', async () => {
    const a = await store.operators.add({ name: 'A', siret: '21690123100011' });
    await expect(store.operators.add({ name: 'B', siret: '21690123100011' })).rejects.toThrow();
    expect(await store.operators.delete(a.id)).toBe(true);
    const b = await store.operators.add({ name: 'B', siret: '21690123100011' });
    expect(b.id).not.toBe(a.id);
  });

  it('revokes a token once and reports unknown ones', async () => {
    const op = await store.operators.add({ name: 'C', siret: '21130055300016' });
    await store.signingKeys.add({ kid: 'k1', alg: 'ES256', publicJwk: { kty: 'EC' }, privateJwk: { kty: 'EC', d: 'x' } });
    const jti = '6f1c1f0e-4b8e-4c53-9d55-0c4d7f0a1b2c';
    await store.apiTokens.add({ jti, operatorId: op.id, kid: 'k1', issuedAt: new Date(), expiresAt: new Date(Date.now() + 3600_000) });
    const row = await store.apiTokens.findWithOperator(jti);
    expect(row?.operator.siret).toBe('21130055300016');
    expect(await store.apiTokens.revoke(jti)).toBe('revoked');
    expect(await store.apiTokens.revoke(jti)).toBe('already_revoked');
    expect(await store.apiTokens.revoke('not-a-uuid')).toBe('unknown');
    expect(await store.apiTokens.findWithOperator('not-a-uuid')).toBeNull();
  });
});
