import { createHash } from 'node:crypto';
import type { Persona } from '../personas/persona.js';

/** Canonical form of a name: Unicode NFC, single spaces, upper case (as civil status writes it). */
function canonicalName(value: string): string {
  return value.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleUpperCase('fr-FR');
}

/**
 * The OIDC `sub` of a citizen: SHA-256 (hex) over a canonical JSON encoding of the identity pivot.
 *
 * Deterministic, so the same citizen gets the same `sub` whether they pick a persona or type the
 * same identity, and across IdP restarts; the hub keys consents on it. The nom d'usage is left out
 * on purpose: it can change (marriage, divorce) while the person — and so the `sub` — does not.
 * Names are compared in canonical form, so "dupont" and "DUPONT" are one person.
 *
 * Unlike FranceConnect, the `sub` is not pairwise per client: the sandbox has one relying party
 * that matters (the hub), and a shared `sub` lets `hub consent grant` name a persona's consents
 * without a browser login.
 */
export function subjectForIdentity(identity: Persona['identity']): string {
  const canonical = JSON.stringify([
    'sandbox-idp-sub-v1',
    canonicalName(identity.nomNaissance),
    identity.prenoms.map(canonicalName),
    identity.sexeEtatCivil,
    identity.anneeDateNaissance,
    identity.moisDateNaissance ?? null,
    identity.jourDateNaissance ?? null,
    identity.codeCogInseePaysNaissance.trim(),
    identity.codeCogInseeCommuneNaissance?.trim().toUpperCase() || null,
  ]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}
