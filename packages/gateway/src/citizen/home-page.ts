import { escapeHtml } from './escape-html.js';
import { renderLogoutForm } from './logout-form.js';
import { renderPage } from './page-layout.js';

/** A section of the citizen space linked from its home page. */
export type CitizenSpaceLink = { href: string; title: string; description: string };

export type HomePageInput = {
  links: readonly CitizenSpaceLink[];
  logoutAction: string;
  csrfToken: string;
};

/** `GET /me` for a logged-in citizen: what this space is for and where to go. */
export function renderHomePage(input: HomePageInput): string {
  const links = input.links
    .map((l) => `<li><a href="${escapeHtml(l.href)}">${escapeHtml(l.title)}</a><br><span class="source">${escapeHtml(l.description)}</span></li>`)
    .join('\n');
  const body = `<h1>Votre espace</h1>
<div class="notice">
<p>Vous êtes connecté avec votre compte du fournisseur d’identité. Ici, vous voyez quels organismes publics ont obtenu des données vous concernant par Particulier Hub, quand et pourquoi.</p>
</div>
<section>
<ul>
${links}
</ul>
</section>
<section>
<p>Votre session se termine automatiquement après 30 minutes. Sur un ordinateur partagé, pensez à vous déconnecter.</p>
${renderLogoutForm(input.logoutAction, input.csrfToken)}
</section>`;
  return renderPage('Votre espace', body);
}
