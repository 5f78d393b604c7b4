import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { renderAuthorizePage } from './authorize-page.js';
import { parseAuthorizeRequest } from './authorize-request.js';
import type { AuthorizeRequest } from './authorize-request.js';
import { parseIdentityForm } from './identity-form.js';
import type { IdpState, Login } from './idp-state.js';
import { renderMessagePage } from './message-page.js';
import { readFormBody } from './read-form-body.js';
import { dataScopesOf, grantedScope, renderScopePage } from './scope-page.js';
import { sendHtml, sendRedirect } from './send-response.js';

/** Appends parameters to the (already validated) redirect URI, keeping its own query string. */
function redirectTo(redirectUri: string, params: Record<string, string | undefined>): string {
  const url = new URL(redirectUri);
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined) url.searchParams.set(name, value);
  }
  return url.toString();
}

function issueCode(state: IdpState, request: AuthorizeRequest, login: Login): string {
  const code = randomBytes(32).toString('base64url');
  state.codes.set(
    code,
    {
      clientId: request.clientId,
      redirectUri: request.redirectUri,
      scope: request.scope,
      ...(request.nonce !== undefined ? { nonce: request.nonce } : {}),
      login,
    },
    state.codeTtlMs,
  );
  return code;
}

/**
 * `GET /authorize` shows the login page; `POST /authorize` receives one of its three forms
 * (persona button, identity form, cancel) and redirects back to the client with a code — or
 * with `error=access_denied` on cancel. When the client asks for data scopes, the login is
 * followed by the scope page (`scope-page.ts`), whose form posts back here with `action=scopes`. The authorization parameters are validated on both
 * methods, before anything else, and a bad one gets a 400 page, never a redirect.
 */
export async function handleAuthorize(
  state: IdpState,
  req: IncomingMessage,
  res: ServerResponse,
  query: URLSearchParams,
): Promise<void> {
  if (req.method !== 'POST') {
    const parsed = registered(state, parseAuthorizeRequest(query));
    if (!parsed.ok) {
      sendHtml(res, 400, renderMessagePage('Requête d’authentification invalide', parsed.message));
      return;
    }
    sendHtml(res, 200, renderAuthorizePage({ request: parsed.request, personas: state.personaList }));
    return;
  }

  const body = await readFormBody(req);
  if (!body.ok) {
    const [status, message] =
      body.reason === 'too_large'
        ? [413, 'Le formulaire envoyé est trop volumineux.']
        : [400, 'Le formulaire doit être envoyé au format application/x-www-form-urlencoded.'];
    sendHtml(res, status, renderMessagePage('Formulaire invalide', message));
    return;
  }
  const form = body.form;
  const parsed = registered(state, parseAuthorizeRequest(form));
  if (!parsed.ok) {
    sendHtml(res, 400, renderMessagePage('Requête d’authentification invalide', parsed.message));
    return;
  }
  const request = parsed.request;

  if (form.get('action') === 'cancel') {
    sendRedirect(
      res,
      redirectTo(request.redirectUri, {
        error: 'access_denied',
        // RFC 6749 §4.1.2.1: error_description is ASCII only.
        error_description: 'The user cancelled the login.',
        state: request.state,
      }),
    );
    return;
  }

  const authTime = Math.floor(state.now() / 1000);
  const personaId = form.get('persona');
  let login: Login;
  if (personaId !== null) {
    const persona = state.personas.get(personaId);
    if (!persona) {
      const page = renderAuthorizePage({
        request,
        personas: state.personaList,
        error: 'Cette personne fictive n’existe pas. Choisissez-en une dans la liste.',
      });
      sendHtml(res, 400, page);
      return;
    }
    login = { identity: persona.identity, identifiers: { ...persona.identifiers }, authTime };
  } else {
    const identity = parseIdentityForm(form, new Date(state.now()));
    if (!identity.ok) {
      const page = renderAuthorizePage({
        request,
        personas: state.personaList,
        values: form,
        fieldErrors: identity.errors,
      });
      sendHtml(res, 400, page);
      return;
    }
    login = { identity: identity.identity, authTime };
  }

  // Data scopes asked for: the citizen ticks which to share (all ticked at first); the code is
  // issued for the ticked ones only, and so is the access token check-token resolves.
  const dataScopes = dataScopesOf(request.scope);
  if (dataScopes.length > 0 && form.get('action') !== 'scopes') {
    sendHtml(res, 200, renderScopePage(request, form, dataScopes));
    return;
  }
  const ticked = form.getAll('data_scope').filter((s) => dataScopes.includes(s));
  const code = issueCode(state, dataScopes.length > 0 ? { ...request, scope: grantedScope(request.scope, ticked) } : request, login);
  sendRedirect(res, redirectTo(request.redirectUri, { code, state: request.state }));
}

/** Refuses a redirect URI the client did not register (never redirect to an arbitrary site). */
function registered(state: IdpState, parsed: ReturnType<typeof parseAuthorizeRequest>): ReturnType<typeof parseAuthorizeRequest> {
  if (!parsed.ok || !state.redirectUris || state.redirectUris.has(parsed.request.redirectUri)) return parsed;
  return { ok: false, parameter: 'redirect_uri', message: 'Le paramètre « redirect_uri » n’est pas une URI enregistrée pour ce client.' };
}
