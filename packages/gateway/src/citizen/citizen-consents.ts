import type { ScopeWording } from '@hub/policy';

/** A consent as the citizen's list shows it (no identity, no identifiers). */
export type ConsentListItem = {
  id: string;
  operator: { name: string; siret: string } | null;
  purpose: string;
  data: ScopeWording[];
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  status: 'active' | 'withdrawn' | 'expired';
};

/**
 * What `/me/consents` needs of the consents, for one subject pseudonym at a time: every call
 * names the subject, so a consent id typed in the URL never reaches another citizen's consent.
 */
export interface CitizenConsents {
  listForSubject(subjectRef: string): Promise<ConsentListItem[]>;
  withdraw(id: string, subjectRef: string): Promise<'revoked' | 'already_revoked' | 'unknown'>;
  /** The signed receipt (compact JWS), or null when the consent is not this subject's. */
  receipt(id: string, subjectRef: string): Promise<string | null>;
}
