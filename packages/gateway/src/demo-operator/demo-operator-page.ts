import { createHash } from 'node:crypto';
import { escapeHtml } from '../citizen/escape-html.js';

/**
 * The demo operator's own look (a municipality's site, not the hub's): the visitor must see when
 * they leave the operator for Particulier Hub and come back. Inline styles only, allowed by hash.
 */
const STYLE = `
:root { color-scheme: light; --accent: #18753c; --ink: #161616; --grey: #595959; --line: #d0d0d0; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: #f3f6f4; }
header { background: var(--accent); color: #fff; padding: 1rem 1.5rem; }
header p { margin: 0; }
header .site { font-weight: 700; font-size: 1.1rem; }
header .badge { display: inline-block; margin-top: .25rem; background: #fff; color: var(--accent); font-size: .8rem; font-weight: 700; padding: 0 .5rem; border-radius: 3px; }
main { max-width: 46rem; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.6rem; margin-top: 0; line-height: 1.25; }
h2 { font-size: 1.15rem; margin: 0 0 .5rem; }
section { background: #fff; border: 1px solid var(--line); border-radius: 4px; padding: 1rem 1.25rem; margin-bottom: 1.25rem; }
section > :first-child { margin-top: 0; }
section > :last-child { margin-bottom: 0; }
.lead { font-size: 1.05rem; }
.button { background: var(--accent); color: #fff; border: 0; padding: .65rem 1.25rem; border-radius: 4px; font: inherit; font-weight: 600; cursor: pointer; text-decoration: none; display: inline-block; }
.button:hover { background: #115a2d; }
form { margin: 0; }
.actions { display: flex; flex-wrap: wrap; gap: .75rem; align-items: center; }
ol.steps { padding-left: 1.25rem; margin: 0; }
ol.steps li { margin-bottom: .35rem; }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: .9em; background: #eef1ef; padding: 0 .2rem; border-radius: 2px; overflow-wrap: anywhere; }
dl { margin: 0; display: grid; grid-template-columns: max-content 1fr; gap: .35rem 1rem; }
dt { font-weight: 600; }
dd { margin: 0; overflow-wrap: anywhere; }
.error { border-left: 4px solid #ce0500; }
.ok { border-left: 4px solid var(--accent); }
.code { color: var(--grey); font-size: .9rem; }
details summary { cursor: pointer; font-weight: 600; }
pre { background: #1e1e1e; color: #f0f0f0; padding: .75rem; border-radius: 4px; overflow-x: auto; font-size: .85rem; white-space: pre-wrap; overflow-wrap: anywhere; }
a { color: #0b5a2a; }
:focus-visible { outline: 3px solid #0a76f6; outline-offset: 2px; }
@media (max-width: 30rem) { main { padding: 1rem .75rem; } header { padding: .75rem; } dl { grid-template-columns: 1fr; gap: 0; } dd { margin-bottom: .5rem; } .actions .button { flex: 1 1 100%; text-align: center; } }
`;

/** No script at all, this one stylesheet, forms only to the hub itself, no framing. */
export const DEMO_PAGE_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`,
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

export type DemoLinks = {
  /** The demo page itself (`/sandbox/demo-operator`). */
  home: string;
  /** Where the start button posts. */
  start: string;
  /** The result page: runs the query again with the consent token kept by the operator's server. */
  result: string;
  /** The citizen's consents at the hub (`/me/consents`). */
  consents: string;
  /** Where the « Se connecter avec FranceConnect » button posts. */
  franceConnectStart: string;
  /** The FranceConnect result page: the query with the access token kept by the operator's server. */
  franceConnectResult: string;
};

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)} — Opérateur de démonstration</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<p class="site">Mairie de Démoville — cantine scolaire</p>
<p class="badge">Site de démonstration (sandbox) — données fictives</p>
</header>
<main>
${body}
</main>
</body>
</html>
`;
}

/** The start page: what the operator asks, the button, and what happens behind it. */
export function renderDemoHome(links: DemoLinks, request: { purpose: string; scopes: readonly string[] }, problem?: string): string {
  const warning = problem ? `<section class="error" role="alert"><h2>Impossible de démarrer</h2><p>${escapeHtml(problem)}</p></section>\n` : '';
  return layout('Tarif de cantine', `<h1>Calculer votre tarif de cantine</h1>
${warning}<section>
<p class="lead">Le tarif de la cantine dépend de votre quotient familial. Plutôt que de nous envoyer une attestation de la CAF, vous pouvez nous autoriser à l’obtenir directement, par Particulier Hub.</p>
<form method="post" action="${escapeHtml(links.start)}">
<div class="actions"><button type="submit" class="button">Autoriser la mairie à obtenir mon quotient familial</button></div>
</form>
</section>
<section aria-labelledby="fc-title">
<h2 id="fc-title">Vous avez un compte FranceConnect ?</h2>
<p>Connectez-vous avec FranceConnect : vous y choisissez les données que la mairie peut obtenir, sans autre étape.</p>
<form method="post" action="${escapeHtml(links.franceConnectStart)}">
<div class="actions"><button type="submit" class="button">Se connecter avec FranceConnect</button></div>
</form>
</section>
<section>
<h2>Ce que fait cette page (pour les développeurs)</h2>
<p>Elle joue le rôle du serveur d’un organisme (l’opérateur de démonstration) ; finalité « ${escapeHtml(request.purpose)} », scopes <code>${escapeHtml(request.scopes.join(' '))}</code>.</p>
<ol class="steps">
<li>Le serveur crée un vérificateur PKCE (S256) et un <code>state</code>, gardés dans un cookie chiffré <code>HttpOnly</code>.</li>
<li>Il pousse la demande : <code>POST /consent/par</code> avec son jeton d’opérateur, et reçoit un <code>request_uri</code>.</li>
<li>Il envoie votre navigateur sur <code>/consent/authorize?client_id=…&amp;request_uri=…</code> : connexion au fournisseur d’identité, puis page d’accord du hub.</li>
<li>Au retour sur <code>/callback</code>, il vérifie <code>state</code> et <code>iss</code>, échange le <code>code</code> contre un jeton de consentement (<code>POST /consent/token</code>).</li>
<li>Il interroge <code>POST /graphql</code> : <code>person(consent: …)</code>, et affiche la réponse.</li>
</ol>
<p>Avec FranceConnect (mode FranceConnect du hub), le serveur est client OpenID Connect de FranceConnect (ici le fournisseur d’identité du bac à sable, avec le client FranceConnect de l’opérateur de démonstration) :</p>
<ol class="steps">
<li>Il envoie votre navigateur sur <code>/sandbox/idp/authorize</code> avec son <code>client_id</code> FranceConnect, son adresse de retour enregistrée, les scopes et un <code>state</code> gardé dans le cookie chiffré ; vous vous connectez et cochez les données à partager.</li>
<li>Au retour sur <code>/franceconnect/callback</code>, il vérifie <code>state</code> et échange le <code>code</code> contre un jeton d’accès FranceConnect (<code>POST /sandbox/idp/token</code>).</li>
<li>Il interroge <code>POST /graphql</code> : <code>person(franceConnectToken: …)</code> ; le hub vérifie le jeton auprès de FranceConnect (check-token) et ne transmet que les données des scopes cochés.</li>
</ol>
</section>`);
}

type GraphQLError = { message?: string; extensions?: Record<string, unknown> };
export type DemoQueryOutcome = {
  status: number;
  body: { data?: { person?: DemoPerson | null } | null; errors?: GraphQLError[] };
};
type DemoIdentity = { birthName?: string | null; usageName?: string | null; firstNames?: string[] | null; birthDate?: string | null };
type DemoPerson = {
  identity?: DemoIdentity | null;
  family?: {
    provider?: string | null;
    familyQuotient?: { value?: number | null; year?: number | null; month?: number | null } | null;
    children?: { identity?: DemoIdentity | null }[] | null;
  } | null;
};

const frenchDate = (iso: string | null | undefined): string => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '');
  return m ? `${m[3]}/${m[2]}/${m[1]}` : '—';
};
const fullName = (i: DemoIdentity | null | undefined): string =>
  [...(i?.firstNames ?? []), i?.birthName ?? ''].filter(Boolean).join(' ') || '—';

function renderPerson(person: DemoPerson): string {
  const rows: [string, string][] = [
    ['Nom de naissance', person.identity?.birthName ?? '—'],
    ['Prénoms', person.identity?.firstNames?.join(' ') ?? '—'],
    ['Date de naissance', frenchDate(person.identity?.birthDate)],
  ];
  if (person.identity?.usageName) rows.splice(1, 0, ['Nom d’usage', person.identity.usageName]);
  const qf = person.family?.familyQuotient;
  rows.push(['Quotient familial', typeof qf?.value === 'number' ? `${qf.value} €${qf.month && qf.year ? ` (${String(qf.month).padStart(2, '0')}/${qf.year})` : ''}` : '—']);
  if (person.family?.provider) rows.push(['Calculé par', person.family.provider === 'MSA' ? 'la MSA' : 'la CAF']);
  const children = person.family?.children ?? [];
  rows.push(['Enfants du foyer', children.length > 0 ? children.map((c) => `${fullName(c.identity)} (né·e le ${frenchDate(c.identity?.birthDate)})`).join(', ') : '—']);
  return `<dl>\n${rows.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('\n')}\n</dl>`;
}

function renderErrors(errors: readonly GraphQLError[]): string {
  return `<ul>\n${errors.map((e) => {
    const code = typeof e.extensions?.['code'] === 'string' ? e.extensions['code'] : '';
    const reason = typeof e.extensions?.['reason'] === 'string' ? ` · ${e.extensions['reason']}` : '';
    return `<li>${escapeHtml(e.message ?? '')}${code ? ` <span class="code">(<code>${escapeHtml(code + reason)}</code>)</span>` : ''}</li>`;
  }).join('\n')}\n</ul>`;
}

/** The answer of the hub to the operator's query, as the operator's site would show it. */
export function renderDemoResult(links: DemoLinks, token: { scope: string; expiresIn: number; franceConnect?: boolean }, outcome: DemoQueryOutcome): string {
  const person = outcome.body.data?.person ?? null;
  const errors = outcome.body.errors ?? [];
  const data = person
    ? `<section class="ok" aria-labelledby="received"><h2 id="received">Données reçues de Particulier Hub</h2>\n${renderPerson(person)}\n</section>`
    : `<section class="error" role="alert" aria-labelledby="refused"><h2 id="refused">Particulier Hub n’a pas transmis les données</h2>\n${renderErrors(errors)}\n</section>`;
  const partial = person && errors.length > 0 ? `<section aria-labelledby="partial"><h2 id="partial">Erreurs sur certains champs</h2>\n${renderErrors(errors)}\n</section>\n` : '';
  const days = Math.max(1, Math.round(token.expiresIn / 86400));
  const consentGone = errors.some((e) => e.extensions?.['code'] === 'CONSENT_INVALID');
  const tokenLine = token.franceConnect
    ? `<p>Jeton d’accès FranceConnect obtenu pour les scopes <code>${escapeHtml(token.scope)}</code> (ceux que vous avez cochés), valable encore ${token.expiresIn} s. Le hub l’a vérifié auprès de FranceConnect ; il ne vaut que pour le client FranceConnect de la mairie. ${consentGone ? 'Il n’est plus accepté : reconnectez-vous avec FranceConnect.' : ''}</p>\n`
    : consentGone
    ? '<p>Le jeton de consentement que garde le serveur de la mairie n’est plus accepté : l’accord a été retiré ou a expiré. Pour obtenir à nouveau ces données, il faut redemander l’accord.</p>\n'
    : `<p>Jeton de consentement obtenu pour les scopes <code>${escapeHtml(token.scope)}</code>, valable encore ${days} jour${days > 1 ? 's' : ''}. Le serveur de la mairie le garde et le présente à chaque requête ; il ne reçoit jamais votre identité pivot.</p>\n`;
  return layout('Résultat', `<h1>${person ? 'Votre quotient familial a été obtenu' : 'Données non obtenues'}</h1>
${data}
${partial}<section aria-labelledby="next">
<h2 id="next">Et ensuite</h2>
${tokenLine}<div class="actions">
<a class="button" href="${escapeHtml(token.franceConnect ? links.franceConnectResult : links.result)}">Refaire la requête avec le même jeton</a>
<a href="${escapeHtml(links.consents)}">Voir ou retirer mon accord (espace usager)</a>
<a href="${escapeHtml(links.home)}">Recommencer</a>
</div>
</section>
<details>
<summary>Réponse GraphQL brute (HTTP ${outcome.status})</summary>
<pre>${escapeHtml(JSON.stringify(outcome.body, null, 2))}</pre>
</details>`);
}

/** A failure of the flow, told from the operator's side, with what to do next. */
export function renderDemoProblem(links: DemoLinks, title: string, message: string, detail?: string): string {
  return layout(title, `<h1>${escapeHtml(title)}</h1>
<section class="error" role="alert">
<p>${escapeHtml(message)}</p>
${detail ? `<p class="code"><code>${escapeHtml(detail)}</code></p>\n` : ''}</section>
<p><a class="button" href="${escapeHtml(links.home)}">Recommencer</a></p>`);
}
