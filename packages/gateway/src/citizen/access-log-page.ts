import type { AccessLogItem, AccessLogPage } from './access-log-view.js';
import { escapeHtml } from './escape-html.js';
import { renderLogoutForm } from './logout-form.js';
import { renderPage } from './page-layout.js';

export type AccessLogPageInput = {
  page: AccessLogPage;
  /** True when showing an older page (`?before=`): the empty state reads differently. */
  older: boolean;
  /** `/me/access-log` under the public base path. */
  selfPath: string;
  homePath: string;
  logoutAction: string;
  csrfToken: string;
};

function renderItem(item: AccessLogItem): string {
  const who = item.operator.name
    ? `${escapeHtml(item.operator.name)}${item.operator.siret ? ` <span class="siret">(SIRET ${escapeHtml(item.operator.siret)})</span>` : ''}`
    : `Organisme inconnu <span class="siret">(identifiant ${escapeHtml(item.operator.id)})</span>`;
  const data = item.data
    .map((d) => `<li>${escapeHtml(d.label)} <span class="source">— ${escapeHtml(d.source)}</span></li>`)
    .join('\n');
  return `<li><article>
<h2>${who}</h2>
<p class="when">Le <time datetime="${escapeHtml(item.recordedAt)}">${escapeHtml(item.when)}</time> (heure de Paris)</p>
<dl>
<dt>Pour quoi faire</dt>
<dd class="purpose">${escapeHtml(item.purpose)}</dd>
<dt>Votre accord</dt>
<dd class="consent-kind">${item.consentKind === 'franceconnect' ? 'Donné à FranceConnect (via FranceConnect)' : 'Donné sur Particulier Hub'}</dd>
<dt>Données transmises</dt>
<dd><ul class="data">
${data || '<li>Aucune donnée détaillée</li>'}
</ul></dd>
</dl>
</article></li>`;
}

/** `GET /me/access-log`: the citizen's own journal entries, newest first, in plain French. */
export function renderAccessLogPage(input: AccessLogPageInput): string {
  const { page } = input;
  const list =
    page.items.length > 0
      ? `<ol class="entries">\n${page.items.map(renderItem).join('\n')}\n</ol>`
      : `<section><p class="empty">${
          input.older
            ? 'Il n’y a pas de consultation plus ancienne.'
            : 'Aucun organisme n’a encore obtenu de données vous concernant par Particulier Hub.'
        }</p></section>`;
  const links = [
    input.older ? `<a href="${escapeHtml(input.selfPath)}">Consultations les plus récentes</a>` : '',
    page.nextBefore !== null
      ? `<a rel="next" href="${escapeHtml(`${input.selfPath}?before=${page.nextBefore}`)}">Consultations plus anciennes</a>`
      : '',
  ].filter(Boolean);
  const body = `<p><a href="${escapeHtml(input.homePath)}">← Votre espace</a></p>
<h1>Qui a consulté mes données</h1>
<div class="notice">
<p>Chaque fois qu’un organisme public obtient des données vous concernant par Particulier Hub, avec votre accord, cette transmission est inscrite dans un journal qui ne peut être ni modifié ni effacé. Voici ce que ce journal contient à votre sujet, les plus récentes d’abord.</p>
</div>
${list}
${links.length > 0 ? `<nav class="pages" aria-label="Pages du journal">${links.join(' · ')}</nav>` : ''}`;
  return renderPage('Qui a consulté mes données', body, { headerAction: renderLogoutForm(input.logoutAction, input.csrfToken) });
}
