import type { AuthorizeRequest } from './authorize-request.js';
import { escapeHtml } from './escape-html.js';
import { renderPageLayout } from './page-layout.js';

/**
 * Scopes that are not data: OpenID Connect's own and FranceConnect's identity claims (always
 * released with the login). Everything else the client asks for is a data scope the citizen may
 * untick, as on FranceConnect's consent screen.
 */
const IDENTITY_SCOPES = new Set([
  'openid', 'profile', 'email', 'address', 'phone', 'offline_access', 'identite_pivot',
  'given_name', 'family_name', 'birthdate', 'birthplace', 'birthcountry', 'gender', 'preferred_username',
]);

/** The data scopes of a request's `scope`, in its order, without duplicates. */
export function dataScopesOf(scope: string): string[] {
  return [...new Set(scope.split(' ').filter((s) => s !== '' && !IDENTITY_SCOPES.has(s)))];
}

/** The request's scope with only the ticked data scopes left (identity scopes always kept). */
export function grantedScope(scope: string, ticked: readonly string[]): string {
  const keep = new Set(ticked);
  return scope.split(' ').filter((s) => s !== '' && (IDENTITY_SCOPES.has(s) || keep.has(s))).join(' ');
}

/**
 * The page after the login when the client asks for data scopes: one checkbox per scope, all
 * ticked, each with its own label; the login (persona or typed identity) and the authorization
 * parameters ride along as hidden fields. Posting it issues the code for the ticked scopes only.
 */
export function renderScopePage(request: AuthorizeRequest, carried: URLSearchParams, scopes: readonly string[]): string {
  const hidden = [...carried.entries()]
    .filter(([name]) => name !== 'action' && name !== 'data_scope')
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n');
  const boxes = scopes
    .map((scope, i) => `<div class="field"><input type="checkbox" id="data-scope-${i}" name="data_scope" value="${escapeHtml(scope)}" checked> <label for="data-scope-${i}" style="display:inline;font-weight:400"><code>${escapeHtml(scope)}</code></label></div>`)
    .join('\n');
  const body = `<h1>Autoriser le partage de vos données</h1>
<div class="notice">
<p>Le service <code>${escapeHtml(request.clientId)}</code> demande à accéder aux données ci-dessous. Décochez celles que vous ne voulez pas partager : seules les données cochées seront transmises.</p>
</div>
<form method="post" action="authorize">
${hidden}
<section aria-labelledby="scopes-title">
<h2 id="scopes-title">Données demandées</h2>
<fieldset>
<legend>Données à partager avec le service</legend>
${boxes}
</fieldset>
</section>
<button type="submit" name="action" value="scopes" class="primary">Continuer vers le service</button>
<button type="submit" name="action" value="cancel" class="secondary">Annuler et revenir au service</button>
</form>`;
  return renderPageLayout('Autoriser le partage de vos données', body);
}
