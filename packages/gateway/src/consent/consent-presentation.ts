import { createHash } from 'node:crypto';
import { groupScopesByAdministration, type ScopeWording } from '@hub/policy';
import type { CheckedRequest } from './authorization-request.js';

const DAY = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', day: 'numeric', month: 'long', year: 'numeric' });

/** What the consent page says, as data: the page renders it and the evidence stores its text. */
export type ConsentPresentation = {
  operator: { name: string; siret: string };
  purpose: string;
  legalBasis: string;
  groups: { administration: string; scopes: ScopeWording[] }[];
  days: number;
  /** "31 décembre 2026" (Paris time). */
  until: string;
  expiresAt: Date;
  /** Absolute URL of /me/consents. */
  withdrawUrl: string;
};

export function presentConsent(request: CheckedRequest, now: Date, withdrawUrl: string): ConsentPresentation {
  const days = request.habilitation.consentDays;
  const expiresAt = new Date(now.getTime() + days * 86_400_000);
  return {
    operator: { name: request.operator.name, siret: request.operator.siret },
    purpose: request.habilitation.purpose,
    legalBasis: request.habilitation.legalBasis,
    groups: groupScopesByAdministration(request.scopes),
    days,
    until: DAY.format(expiresAt),
    expiresAt,
    withdrawUrl,
  };
}

/** Sentences of the page, in reading order; each is rendered once on the page. */
export const WORDING = {
  who: (p: ConsentPresentation) => `${p.operator.name} (SIRET ${p.operator.siret}) vous demande l’accord pour obtenir des données vous concernant auprès d’administrations.`,
  why: (p: ConsentPresentation) => `Pour quoi faire : ${p.purpose}`,
  legal: (p: ConsentPresentation) => `Cadre juridique : ${p.legalBasis}`,
  howLong: (p: ConsentPresentation) => `Votre accord vaut ${p.days} jours, jusqu’au ${p.until}. Pendant ce temps, l’organisme peut obtenir ces données à nouveau, sans vous le redemander.`,
  withdraw: (p: ConsentPresentation) => `Vous pourrez retirer votre accord à tout moment dans votre espace, rubrique « Mes accords » : ${p.withdrawUrl}. L’organisme ne pourra alors plus obtenir ces données.`,
  journal: () => 'Chaque transmission est inscrite dans un journal que vous pouvez consulter dans votre espace.',
} as const;

/**
 * The text the citizen is shown, as plain text in reading order (the evidence stores it, and its
 * SHA-256). The page renders the same sentences from the same presentation, so the stored text is
 * what was on the screen, save for markup and the form's fields.
 */
export function consentText(p: ConsentPresentation): string {
  const lines = [WORDING.who(p), WORDING.why(p), WORDING.legal(p), 'Les données demandées :'];
  for (const group of p.groups) {
    lines.push(`${group.administration} :`);
    for (const scope of group.scopes) lines.push(`- ${scope.sentence}`);
  }
  lines.push(WORDING.howLong(p), WORDING.withdraw(p), WORDING.journal());
  return lines.join('\n');
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
