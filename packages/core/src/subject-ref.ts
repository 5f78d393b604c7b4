import { createHmac } from 'node:crypto';
import type { IdentityPivot } from './identity.js';

/**
 * Canonical encoding of an identity pivot: upper case, no accents, single spaces, ISO-like birth
 * date with 00 for an unknown month or day. The same person typed twice (consent form, identity
 * provider claims) gets the same encoding.
 */
export function canonicalIdentity(pivot: IdentityPivot): string {
  const norm = (s: string | undefined) => (s ?? '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').toUpperCase().replace(/[\s'-]+/g, ' ').trim();
  const pad = (n: number | undefined, width: number) => String(n ?? 0).padStart(width, '0');
  return [
    norm(pivot.nomNaissance),
    pivot.prenoms.map(norm).filter(Boolean).join(' '),
    pivot.sexeEtatCivil,
    `${pad(pivot.anneeDateNaissance, 4)}-${pad(pivot.moisDateNaissance, 2)}-${pad(pivot.jourDateNaissance, 2)}`,
    norm(pivot.codeCogInseeCommuneNaissance),
    norm(pivot.codeCogInseePaysNaissance),
  ].join('|');
}

/**
 * Pseudonymous subject reference: keyed HMAC-SHA-256 of the canonical identity pivot. The journal
 * and consents store this, never the identity; without the key it cannot be linked back, and the
 * citizen's login at the identity provider recomputes it to find their own entries.
 */
export function subjectRef(key: string, pivot: IdentityPivot): string {
  return createHmac('sha256', key).update(canonicalIdentity(pivot)).digest('base64url');
}
