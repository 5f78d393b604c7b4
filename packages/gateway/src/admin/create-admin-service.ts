import type { Store } from '@hub/store';
import { ConsentService } from '../auth/consent-service.js';
import { KeyRing } from '../auth/key-ring.js';
import { SealedSigningKeys } from '../auth/sealed-signing-keys.js';
import type { HubConfig } from '../config.js';
import { AdminService } from './admin-service.js';

/** The administrative services over a store, as the CLI (direct mode) and the hub build them. */
export async function createAdminService(store: Store, config: HubConfig): Promise<{ admin: AdminService; keyRing: KeyRing; consents: ConsentService }> {
  // Private keys at rest: encrypted under HUB_KEY_ENCRYPTION_KEY; keys stored in clear before are sealed now.
  const signingKeys = new SealedSigningKeys(store.signingKeys, config.keyEncryptionKey);
  await signingKeys.sealClearKeys();
  const keyRing = new KeyRing(signingKeys);
  await keyRing.ensureKey();
  const consents = new ConsentService(store, keyRing, config.issuer, config.subjectKey, config.dbBatchIntervalMs);
  const admin = new AdminService(store, keyRing, consents, { issuer: config.issuer, sandbox: config.sandbox.enabled, journalRetentionMonths: config.journalRetentionMonths });
  return { admin, keyRing, consents };
}
