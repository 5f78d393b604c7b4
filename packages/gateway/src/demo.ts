import { ALL_SCOPE_NAMES } from '@hub/policy';
import { SANDBOX_FRANCECONNECT } from '@hub/sandbox';
import type { Store } from '@hub/store';
import type { AdminService } from './admin/admin-service.js';
import { DEMO_REQUEST, demoCallbackUri } from './demo-operator/index.js';

export const DEMO_OPERATOR_NAME = 'DÉMO — opérateur de démonstration (sandbox, ne pas utiliser en production)';
/** A synthetic SIRET (Luhn-valid, SIREN 000000001): not a real establishment. */
export const DEMO_SIRET = '00000000100008';

export type PrepareDemoOptions = {
  /**
   * Sandbox mode: the hub's public URL. The demo operator then gets what its page
   * (`/sandbox/demo-operator`) needs: that page's callback as a registered redirect URI, and the
   * habilitation of `DEMO_REQUEST`, the sandbox FranceConnect client — on every start, since the URL may change between starts and
   * an older data directory may predate the page.
   */
  publicUrl?: string;
};

/**
 * `npm start`: on an empty database, creates the clearly-labelled demo operator with a
 * habilitation covering the whole scope catalogue; on every start, issues it a fresh short-lived
 * token to print (the database is authoritative: the token can be revoked like any other).
 */
export async function prepareDemo(store: Store, admin: AdminService, options: PrepareDemoOptions = {}): Promise<{ operatorId: string; token: string; created: boolean } | null> {
  let created = false;
  let demo = (await store.operators.list()).find((o) => o.demo && !o.deletedAt);
  if (!demo) {
    if ((await store.operators.count()) > 0) return null; // a real deployment: never add a demo operator
    const { id } = await admin.addOperator({ name: DEMO_OPERATOR_NAME, siret: DEMO_SIRET, contact: 'demo@example.invalid', demo: true });
    await admin.grantHabilitation({
      operator: id,
      scopes: ALL_SCOPE_NAMES.join(','),
      purposeCode: 'demonstration',
      purpose: 'Démonstration du hub avec les données fictives de la sandbox',
      legalBasis: 'Aucun — données fictives, environnement de démonstration',
    });
    demo = (await store.operators.findById(id)) ?? undefined;
    created = true;
  }
  if (options.publicUrl !== undefined) {
    await store.redirectUris.add(demo!.id, demoCallbackUri(options.publicUrl));
    // FranceConnect mode: the demo operator is the service provider of the sandbox's FranceConnect
    // tokens (the staging corpus's and the sandbox IdP's); false when another operator holds it.
    if (demo!.franceConnectClientId === null) await store.operators.setFranceConnectClient(demo!.id, SANDBOX_FRANCECONNECT.operatorClientId);
    const inForce = await store.habilitations.listInForce(demo!.id);
    if (!inForce.some((h) => h.purposeCode === DEMO_REQUEST.purposeCode && DEMO_REQUEST.scopes.every((s) => h.scopes.includes(s)))) {
      await admin.grantHabilitation({
        operator: demo!.id, scopes: DEMO_REQUEST.scopes.join(','), purposeCode: DEMO_REQUEST.purposeCode,
        purpose: DEMO_REQUEST.purpose, legalBasis: DEMO_REQUEST.legalBasis,
      });
    }
  }
  const { token } = await admin.issueToken({ operator: demo!.id, ttl: '12h' });
  return { operatorId: demo!.id, token, created };
}
