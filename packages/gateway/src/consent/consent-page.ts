import { escapeHtml } from '../citizen/escape-html.js';
import { renderPage } from '../citizen/page-layout.js';
import { WORDING, type ConsentPresentation } from './consent-presentation.js';
import type { IdentifierField, IdentifierName } from './identifier-fields.js';

export type ConsentPageInput = {
  presentation: ConsentPresentation;
  fields: readonly IdentifierField[];
  /** Values to put back in the fields (as typed, or prefilled in sandbox mode). */
  values: Partial<Record<IdentifierName, string>>;
  errors: Partial<Record<IdentifierName, string>>;
  /** The form's target (`/consent/decision`) and the anti-forgery token of this flow. */
  action: string;
  csrfToken: string;
};

function renderField(field: IdentifierField, input: ConsentPageInput): string {
  const id = `field-${field.name}`;
  const error = input.errors[field.name];
  const describedBy = [`${id}-hint`, ...(error ? [`${id}-error`] : [])].join(' ');
  return `<div class="field${error ? ' field-error' : ''}">
<label for="${id}">${escapeHtml(field.label)}</label>
<p class="hint" id="${id}-hint">${escapeHtml(field.hint)}</p>
${error ? `<p class="error" id="${id}-error">${escapeHtml(error)}</p>\n` : ''}<input type="text" id="${id}" name="${field.name}" value="${escapeHtml(input.values[field.name] ?? '')}" aria-describedby="${describedBy}"${error ? ' aria-invalid="true"' : ''}${field.required ? ' required' : ''} autocomplete="off" spellcheck="false">
</div>`;
}

/**
 * The consent page (`/consent/review`): who asks, why, under which legal basis, which data in
 * plain French grouped by administration, for how long, how to withdraw; the identifiers the
 * sources need; "J'accepte" / "Je refuse". No script; fields labelled and described, errors
 * listed in a summary that links to each field, in the order of the form.
 */
export function renderConsentPage(input: ConsentPageInput): string {
  const p = input.presentation;
  const groups = p.groups.map((g) => `<h3>${escapeHtml(g.administration)}</h3>
<ul class="data">
${g.scopes.map((s) => `<li>${escapeHtml(s.sentence)}</li>`).join('\n')}
</ul>`).join('\n');
  const errorFields = input.fields.filter((f) => input.errors[f.name]);
  const summary = errorFields.length > 0
    ? `<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
<h2 id="error-summary-title">Le formulaire contient ${errorFields.length === 1 ? 'une erreur' : `${errorFields.length} erreurs`}</h2>
<ul>
${errorFields.map((f) => `<li><a href="#field-${f.name}">${escapeHtml(input.errors[f.name]!)}</a></li>`).join('\n')}
</ul>
</div>\n`
    : '';
  const fields = input.fields.length > 0
    ? `<fieldset>
<legend>Les informations dont les administrations ont besoin pour vous retrouver</legend>
${input.fields.map((f) => renderField(f, input)).join('\n')}
</fieldset>\n`
    : '';
  const body = `<h1>Accord pour la transmission de vos données</h1>
${summary}<section aria-labelledby="who">
<h2 id="who">Qui demande</h2>
<p>${escapeHtml(WORDING.who(p))}</p>
</section>
<section aria-labelledby="why">
<h2 id="why">Pourquoi</h2>
<p>${escapeHtml(WORDING.why(p))}</p>
<p>${escapeHtml(WORDING.legal(p))}</p>
</section>
<section aria-labelledby="what">
<h2 id="what">Quelles données</h2>
<p>Les données demandées :</p>
${groups}
</section>
<section aria-labelledby="how-long">
<h2 id="how-long">Pour combien de temps</h2>
<p>${escapeHtml(WORDING.howLong(p))}</p>
<p>${escapeHtml(WORDING.withdraw(p))}</p>
<p>${escapeHtml(WORDING.journal())}</p>
</section>
<form method="post" action="${escapeHtml(input.action)}" novalidate>
<input type="hidden" name="csrf" value="${escapeHtml(input.csrfToken)}">
${fields}<div class="actions">
<button type="submit" name="decision" value="accept" class="button">J’accepte</button>
<button type="submit" name="decision" value="refuse" class="secondary">Je refuse</button>
</div>
</form>`;
  return renderPage('Accord pour la transmission de vos données', body);
}
