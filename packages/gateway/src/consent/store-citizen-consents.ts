import { describeScope } from '@hub/policy';
import type { Store } from '@hub/store';
import type { ConsentService } from '../auth/consent-service.js';
import type { KeyRing } from '../auth/key-ring.js';
import type { CitizenConsents, ConsentListItem } from '../citizen/citizen-consents.js';
import { buildReceipt, CONSENT_RECEIPT_TYPE } from './consent-receipt.js';

/**
 * The citizen space's view of consents, over the store. Every read filters on the subject
 * pseudonym of the session. A consent made without the consent page (sandbox `hub consent
 * grant`) has no stored receipt: one is signed on demand from the row, with no evidence hash.
 */
export function storeCitizenConsents(deps: { store: Store; consents: ConsentService; keyRing: KeyRing; issuer: string; withdrawUrl: string; now?: () => number }): CitizenConsents {
  const now = deps.now ?? Date.now;
  return {
    async listForSubject(subjectRef) {
      const rows = (await deps.store.consents.listBySubjectRef(subjectRef)).filter((c) => c.subjectRef === subjectRef);
      // One lookup per distinct operator, in parallel (as the access log's directory does).
      const ids = [...new Set(rows.map((r) => r.operatorId))];
      const found = await Promise.all(ids.map((id) => deps.store.operators.findById(id)));
      const operators = new Map(ids.map((id, i) => [id, found[i] ? { name: found[i].name, siret: found[i].siret } : null] as const));
      return rows.map((row): ConsentListItem => ({
        id: row.id,
        operator: operators.get(row.operatorId) ?? null,
        purpose: row.purpose,
        data: row.scopes.map(describeScope),
        createdAt: row.createdAt,
        expiresAt: row.expiresAt,
        revokedAt: row.revokedAt,
        status: row.status === 'revoked' ? 'withdrawn' : row.expiresAt.getTime() <= now() ? 'expired' : 'active',
      }));
    },
    withdraw: (id, subjectRef) => deps.consents.revoke(id, subjectRef),
    async receipt(id, subjectRef) {
      const row = await deps.store.consents.findById(id);
      if (!row || row.subjectRef !== subjectRef) return null;
      if (row.receipt) return row.receipt;
      const op = await deps.store.operators.findById(row.operatorId);
      const evidence = row.evidence as { purposeCode?: unknown; legalBasis?: unknown };
      const receipt = buildReceipt({
        consentId: row.id, issuer: deps.issuer,
        controller: { name: op?.name ?? '', siret: op?.siret ?? '' },
        purpose: {
          code: typeof evidence.purposeCode === 'string' ? evidence.purposeCode : '',
          text: row.purpose,
          legalBasis: typeof evidence.legalBasis === 'string' ? evidence.legalBasis : '',
        },
        scopes: row.scopes, consentTime: row.createdAt, expiry: row.expiresAt, withdrawUrl: deps.withdrawUrl,
        textSha256: null, identityProvider: null, authTime: null,
      });
      const sign = await deps.keyRing.compactSigner(CONSENT_RECEIPT_TYPE);
      return sign(JSON.stringify(receipt));
    },
  };
}
