import type { ConsentListItem } from './citizen-consents.js';
import { escapeHtml } from './escape-html.js';
import { frenchDate } from './french-date.js';
import { renderLogoutForm } from './logout-form.js';
import { renderPage } from './page-layout.js';

export type ConsentsPageInput = {
  items: readonly ConsentListItem[];
  /** `/me/consents` under the public base path. */
  selfPath: string;
  homePath: string;
  logoutAction: string;
  csrfToken: string;
  /** A line shown on top after an action ("Votre accord a été retiré."). */
  notice?: string;
};

const STATUS: Record<ConsentListItem['status'], string> = { active: 'En cours', withdrawn: 'Retiré', expired: 'Expiré' };

function renderItem(item: ConsentListItem, input: ConsentsPageInput): string {
  const who = item.operator
    ? `${escapeHtml(item.operator.name)} <span class="siret">(SIRET ${escapeHtml(item.operator.siret)})</span>`
    : 'Organisme supprimé';
  const data = item.data.map((d) => `<li>${escapeHtml(d.sentence)}</li>`).join('\n');
  const dates = [`Accord donné le ${escapeHtml(frenchDate(item.createdAt))}`];
  if (item.status === 'withdrawn' && item.revokedAt) dates.push(`retiré le ${escapeHtml(frenchDate(item.revokedAt))}`);
  else dates.push(`${item.status === 'expired' ? 'expiré le' : 'valable jusqu’au'} ${escapeHtml(frenchDate(item.expiresAt))}`);
  const base = `${input.selfPath}/${encodeURIComponent(item.id)}`;
  const withdraw = item.status === 'active'
    ? `<form method="post" action="${escapeHtml(`${base}/withdraw`)}">
<input type="hidden" name="csrf" value="${escapeHtml(input.csrfToken)}">
<button type="submit" class="button">Retirer mon accord</button>
</form>`
    : '';
  return `<li><article>
<h2>${who}</h2>
<p class="when"><span class="status status-${item.status}">${STATUS[item.status]}</span> — ${dates.join(', ')}</p>
<dl>
<dt>Pour quoi faire</dt>
<dd class="purpose">${escapeHtml(item.purpose)}</dd>
<dt>Données transmises</dt>
<dd><ul class="data">
${data}
</ul></dd>
</dl>
<p><a href="${escapeHtml(`${base}/receipt`)}" download>Télécharger le reçu signé de cet accord</a></p>
${withdraw}
</article></li>`;
}

/** `GET /me/consents`: the citizen's consents, active and past, with the withdraw button. */
export function renderConsentsPage(input: ConsentsPageInput): string {
  const list = input.items.length > 0
    ? `<ol class="entries">\n${input.items.map((i) => renderItem(i, input)).join('\n')}\n</ol>`
    : '<section><p class="empty">Vous n’avez donné aucun accord par Particulier Hub.</p></section>';
  const body = `<p><a href="${escapeHtml(input.homePath)}">← Votre espace</a></p>
<h1>Mes accords</h1>
${input.notice ? `<div class="notice" role="status"><p>${escapeHtml(input.notice)}</p></div>\n` : ''}<div class="notice">
<p>Voici les organismes auxquels vous avez permis d’obtenir des données vous concernant. Vous pouvez retirer un accord à tout moment : l’organisme ne pourra plus obtenir ces données dès sa demande suivante. Les données déjà transmises restent sous sa responsabilité.</p>
</div>
${list}`;
  return renderPage('Mes accords', body, { headerAction: renderLogoutForm(input.logoutAction, input.csrfToken) });
}
