import { describe, expect, it } from '@jest/globals';
import type { CheckedRequest } from './authorization-request.js';
import { renderConsentPage } from './consent-page.js';
import { consentText, presentConsent, sha256Hex } from './consent-presentation.js';
import { fieldsForScopes } from './identifier-fields.js';

const request: CheckedRequest = {
  operator: { id: 'op', name: 'Crèche <b>Soleil</b> & Cie', siret: '21690266800013' },
  habilitation: { id: 'h', purposeCode: 'creche', purpose: 'Tarif <i>crèche</i>', legalBasis: 'Article L. 214-1', consentDays: 90 },
  scopes: ['cnaf_quotient_familial', 'dgfip_revenu_fiscal_reference', 'dgfip_nombre_parts'],
  redirectUri: 'https://x.example/cb', state: null, codeChallenge: 'c'.repeat(43),
};
const at = new Date(Date.UTC(2026, 0, 10, 12));
const presentation = presentConsent(request, at, 'https://hub.example/me/consents');

describe('the consent page', () => {
  it('escapes operator data and groups the data by administration', () => {
    const html = renderConsentPage({ presentation, fields: fieldsForScopes(request.scopes), values: {}, errors: {}, action: '/consent/decision', csrfToken: 'tok' });
    expect(html).toContain('Crèche &lt;b&gt;Soleil&lt;/b&gt; &amp; Cie (SIRET 21690266800013)');
    expect(html).toContain('Tarif &lt;i&gt;crèche&lt;/i&gt;');
    expect(html).not.toMatch(/<b>|<i>|<script/);
    expect(html.match(/<h3>/g)).toHaveLength(2);
    expect(html).toContain('Votre accord vaut 90 jours, jusqu’au 10 avril 2026');
    expect(html).toContain('<input type="hidden" name="csrf" value="tok">');
    expect(html).toContain('aria-describedby="field-numeroFiscal-hint"');
    expect(html).not.toContain('aria-invalid');
    expect(html.indexOf('J’accepte')).toBeLessThan(html.indexOf('Je refuse'));
  });

  it('lists errors in a summary linking to each field, in form order', () => {
    const html = renderConsentPage({ presentation, fields: fieldsForScopes(request.scopes), values: { numeroFiscal: '12' }, errors: { numeroFiscal: 'Numéro faux', referenceAvis: 'Référence manquante' }, action: '/d', csrfToken: 't' });
    expect(html).toContain('Le formulaire contient 2 erreurs');
    expect(html.indexOf('href="#field-numeroFiscal"')).toBeLessThan(html.indexOf('href="#field-referenceAvis"'));
    expect(html).toContain('value="12" aria-describedby="field-numeroFiscal-hint field-numeroFiscal-error" aria-invalid="true"');
  });

  it('stores as evidence the same sentences the page shows', () => {
    const text = consentText(presentation);
    const html = renderConsentPage({ presentation, fields: [], values: {}, errors: {}, action: '/d', csrfToken: 't' });
    for (const line of text.split('\n').filter((l) => !l.startsWith('- ') && !l.endsWith(' :'))) {
      expect(html).toContain(line.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
    }
    expect(sha256Hex(text)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('words the scopes of the new sources in plain French, and asks for the identifiant sportif', () => {
    const scopes = [
      'dsnj_statut_service_national', 'gip_mds_service_civique_statut_actuel', 'sdh_statut_sportif_est_sportif_de_haut_niveau',
      'eaje_parametres_calcul_participation_familiale', 'ants_extrait_immatriculation_vehicule_donnees_immatriculation_vehicule',
    ];
    const shown = presentConsent({ ...request, scopes }, at, 'https://hub.example/me/consents');
    const html = renderConsentPage({ presentation: shown, fields: fieldsForScopes(scopes), values: {}, errors: {}, action: '/d', csrfToken: 't' });
    for (const sentence of [
      'Votre situation au regard du service national (recensement, journée défense et citoyenneté), auprès de la Direction du service national et de la jeunesse (ministère des Armées)',
      'Si vous effectuez un service civique en ce moment, auprès de l’Agence du service civique',
      'Si vous êtes sportif de haut niveau aujourd’hui, auprès du ministère des Sports',
      'Les éléments de calcul du tarif de la crèche (enfants à charge, enfants bénéficiaires de l’AEEH, ressources annuelles), auprès de la CAF',
      'Le numéro et la date de première immatriculation de votre véhicule, auprès de l’Agence nationale des titres sécurisés (ANTS)',
    ]) expect(html).toContain(sentence);
    expect(html).not.toMatch(/dsnj_|gip_mds_|sdh_|eaje_|ants_/);
    expect(html.match(/<h3>/g)).toHaveLength(5);
    expect(html).toContain('name="identifiantSportif"');
  });
});
