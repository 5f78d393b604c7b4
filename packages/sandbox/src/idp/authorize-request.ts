/** The validated parameters of an OIDC authorization request (code flow). */
export type AuthorizeRequest = {
  clientId: string;
  redirectUri: string;
  scope: string;
  state?: string;
  nonce?: string;
};

export type AuthorizeRequestResult =
  | { ok: true; request: AuthorizeRequest }
  | { ok: false; parameter: string; message: string };

/** Longest value accepted for any parameter: enough for real clients, bounded for the page. */
const MAX_PARAMETER_LENGTH = 2048;

/**
 * Accepts only absolute http(s) URIs without a fragment (RFC 6749 §3.1.2). The sandbox has no
 * client registry, so this syntactic check is the whole defence against redirecting the browser
 * to `javascript:` or `data:` URIs.
 */
export function isHttpUri(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.hash === '' && !value.includes('#');
}

/**
 * Validates the parameters of `/authorize`, on GET (query string) and again on POST (hidden form
 * fields: the browser may have altered them). A failure names the faulty parameter; the caller
 * shows it on a page and never redirects, since the redirect URI itself may be the faulty one.
 */
export function parseAuthorizeRequest(params: URLSearchParams): AuthorizeRequestResult {
  for (const [name, value] of params) {
    if (value.length > MAX_PARAMETER_LENGTH) {
      return { ok: false, parameter: name, message: `Le paramètre « ${name} » est trop long.` };
    }
  }
  const clientId = params.get('client_id') ?? '';
  if (clientId.trim() === '') {
    return { ok: false, parameter: 'client_id', message: 'Le paramètre « client_id » est manquant.' };
  }
  const redirectUri = params.get('redirect_uri') ?? '';
  if (redirectUri === '') {
    return { ok: false, parameter: 'redirect_uri', message: 'Le paramètre « redirect_uri » est manquant.' };
  }
  if (!isHttpUri(redirectUri)) {
    return {
      ok: false,
      parameter: 'redirect_uri',
      message: 'Le paramètre « redirect_uri » doit être une URI absolue en http ou https, sans fragment.',
    };
  }
  const responseType = params.get('response_type');
  if (responseType === null || responseType === '') {
    return { ok: false, parameter: 'response_type', message: 'Le paramètre « response_type » est manquant.' };
  }
  if (responseType !== 'code') {
    return {
      ok: false,
      parameter: 'response_type',
      message: 'Le paramètre « response_type » doit valoir « code » (seul le flux par code est proposé).',
    };
  }
  const scope = (params.get('scope') ?? '').trim().replace(/\s+/g, ' ');
  if (!scope.split(' ').includes('openid')) {
    return { ok: false, parameter: 'scope', message: 'Le paramètre « scope » doit contenir « openid ».' };
  }
  const request: AuthorizeRequest = { clientId, redirectUri, scope };
  const state = params.get('state');
  if (state) request.state = state;
  const nonce = params.get('nonce');
  if (nonce) request.nonce = nonce;
  return { ok: true, request };
}
