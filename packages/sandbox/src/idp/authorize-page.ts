import type { Persona } from '../personas/persona.js';
import type { AuthorizeRequest } from './authorize-request.js';
import { escapeHtml } from './escape-html.js';
import type { FieldError, IdentityField } from './identity-form.js';
import { renderPageLayout } from './page-layout.js';

export type AuthorizePageInput = {
  request: AuthorizeRequest;
  personas: readonly Persona[];
  /** Values typed in the identity form, echoed back when it is shown again with errors. */
  values?: URLSearchParams;
  /** Problems with the identity form, shown beside their fields. */
  fieldErrors?: readonly FieldError[];
  /** A problem that belongs to no field (e.g. an unknown persona). */
  error?: string;
};

/** The original authorization parameters, carried through the POST as hidden fields. */
function hiddenFields(request: AuthorizeRequest): string {
  const fields: [string, string | undefined][] = [
    ['response_type', 'code'],
    ['client_id', request.clientId],
    ['redirect_uri', request.redirectUri],
    ['scope', request.scope],
    ['state', request.state],
    ['nonce', request.nonce],
  ];
  return fields
    .filter((field): field is [string, string] => field[1] !== undefined)
    .map(([name, value]) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`)
    .join('\n');
}

function personaButton(persona: Persona): string {
  return `<li><button type="submit" name="persona" value="${escapeHtml(persona.id)}">
<span class="persona-label">${escapeHtml(persona.label)}</span>
<span class="persona-description">${escapeHtml(persona.description)}</span>
</button></li>`;
}

type TextField = { name: IdentityField; label: string; hint?: string; type?: 'text' | 'date'; autocomplete?: string };

const TEXT_FIELDS: readonly TextField[] = [
  { name: 'nomNaissance', label: 'Nom de naissance', hint: 'Le nom de famille inscrit sur l’acte de naissance.', autocomplete: 'family-name' },
  { name: 'nomUsage', label: 'Nom d’usage (facultatif)', hint: 'Par exemple le nom d’époux ou d’épouse.' },
  { name: 'prenoms', label: 'Prénoms', hint: 'Tous les prénoms de l’état civil, séparés par des espaces.', autocomplete: 'given-name' },
  { name: 'dateNaissance', label: 'Date de naissance', hint: 'Format JJ/MM/AAAA.', type: 'date', autocomplete: 'bday' },
  { name: 'codeCogInseePaysNaissance', label: 'Code COG du pays de naissance', hint: '5 chiffres ; 99100 pour la France.' },
  { name: 'codeCogInseeCommuneNaissance', label: 'Code COG de la commune de naissance', hint: 'Obligatoire si né en France (par exemple 75056 pour Paris) ; vide si né à l’étranger.' },
];

/** The error message of a field, with the id that `aria-describedby` points at. */
function errorOf(errors: readonly FieldError[], field: IdentityField): { id: string; html: string } | undefined {
  const error = errors.find((e) => e.field === field);
  if (!error) return undefined;
  const id = `${field}-error`;
  return { id, html: `<span class="error" id="${id}">${escapeHtml(error.message)}</span>` };
}

function textField(field: TextField, values: URLSearchParams, errors: readonly FieldError[]): string {
  const id = `field-${field.name}`;
  const hintId = `${field.name}-hint`;
  const error = errorOf(errors, field.name);
  const describedBy = [field.hint ? hintId : undefined, error?.id].filter(Boolean).join(' ');
  const fallback = field.name === 'codeCogInseePaysNaissance' ? '99100' : '';
  const value = values.get(field.name) ?? fallback;
  return `<div class="field">
<label for="${id}">${escapeHtml(field.label)}</label>
${field.hint ? `<span class="hint" id="${hintId}">${escapeHtml(field.hint)}</span>` : ''}
${error?.html ?? ''}
<input type="${field.type ?? 'text'}" id="${id}" name="${field.name}" value="${escapeHtml(value)}"${
    describedBy ? ` aria-describedby="${describedBy}"` : ''
  }${error ? ' aria-invalid="true"' : ''}${field.autocomplete ? ` autocomplete="${field.autocomplete}"` : ''}>
</div>`;
}

function sexField(values: URLSearchParams, errors: readonly FieldError[]): string {
  const error = errorOf(errors, 'sexeEtatCivil');
  const current = values.get('sexeEtatCivil');
  const radio = (value: 'F' | 'M', label: string): string =>
    `<input type="radio" id="field-sexe-${value}" name="sexeEtatCivil" value="${value}"${current === value ? ' checked' : ''}${
      error ? ` aria-describedby="${error.id}"` : ''
    }> <label for="field-sexe-${value}">${label}</label>`;
  return `<fieldset class="field">
<legend>Sexe à l’état civil</legend>
${error?.html ?? ''}
${radio('F', 'Féminin')}
${radio('M', 'Masculin')}
</fieldset>`;
}

/**
 * The login page: a persona picker (one button per persona) and a form for an arbitrary identity
 * pivot. Every dynamic value is escaped; the forms post back to `authorize` relative to the page,
 * so the page works under whatever prefix the IdP is mounted.
 */
export function renderAuthorizePage(input: AuthorizePageInput): string {
  const { request, personas } = input;
  const values = input.values ?? new URLSearchParams();
  const fieldErrors = input.fieldErrors ?? [];
  const hidden = hiddenFields(request);

  const alert =
    input.error || fieldErrors.length > 0
      ? `<div class="alert" role="alert">
<h2>La connexion n’a pas abouti</h2>
${input.error ? `<p>${escapeHtml(input.error)}</p>` : ''}
${
  fieldErrors.length > 0
    ? `<ul>${fieldErrors.map((e) => `<li><a href="#field-${e.field === 'sexeEtatCivil' ? 'sexe-F' : e.field}">${escapeHtml(e.message)}</a></li>`).join('')}</ul>`
    : ''
}
</div>`
      : '';

  const personaSection =
    personas.length > 0
      ? `<form method="post" action="authorize">
${hidden}
<ul class="personas">
${personas.map(personaButton).join('\n')}
</ul>
</form>`
      : '<p>Aucune personne fictive n’est configurée.</p>';

  const body = `<h1>Se connecter</h1>
<div class="notice">
<p>Ceci est le fournisseur d’identité de <strong>démonstration</strong> : les identités sont fictives et aucun mot de passe n’est demandé. En production, l’usager se connecte avec FranceConnect.</p>
<p>Service qui demande la connexion : <code>${escapeHtml(request.clientId)}</code><br>
Retour vers : <code>${escapeHtml(request.redirectUri)}</code></p>
</div>
${alert}
<section aria-labelledby="personas-title">
<h2 id="personas-title">Choisir une personne fictive</h2>
${personaSection}
</section>
<section aria-labelledby="identity-title">
<h2 id="identity-title">Ou saisir une identité</h2>
<form method="post" action="authorize" novalidate>
${hidden}
<input type="hidden" name="action" value="identity">
${TEXT_FIELDS.slice(0, 3).map((f) => textField(f, values, fieldErrors)).join('\n')}
${sexField(values, fieldErrors)}
${TEXT_FIELDS.slice(3).map((f) => textField(f, values, fieldErrors)).join('\n')}
<button type="submit" class="primary">Se connecter avec cette identité</button>
</form>
</section>
<form method="post" action="authorize">
${hidden}
<button type="submit" name="action" value="cancel" class="secondary">Annuler et revenir au service</button>
</form>`;
  return renderPageLayout('Se connecter', body);
}
