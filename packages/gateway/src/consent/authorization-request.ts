import { createHash } from 'node:crypto';
import { unknownScopes } from '@hub/policy';
import type { HabilitationRecord, Store } from '@hub/store';

/** RFC 6749 §4.1.2.1 error codes the authorization endpoint sends back to the operator. */
export type AuthorizationErrorCode = 'invalid_request' | 'invalid_scope' | 'access_denied' | 'unsupported_response_type' | 'server_error';

/** A request that passed every check: what the page shows and the approval stores. */
export type CheckedRequest = {
  operator: { id: string; name: string; siret: string };
  habilitation: Pick<HabilitationRecord, 'id' | 'purposeCode' | 'purpose' | 'legalBasis' | 'consentDays'>;
  scopes: string[];
  redirectUri: string;
  state: string | null;
  codeChallenge: string;
};

/**
 * The outcome of checking authorization parameters. `page`: the error cannot safely go back (the
 * client or its redirect URI is unknown), show it to the citizen. `redirect`: send it back to the
 * operator's registered redirect URI (RFC 6749 §4.1.2.1).
 */
export type CheckResult =
  | { ok: true; request: CheckedRequest }
  | { ok: false; kind: 'page'; reason: 'unknown_client' | 'invalid_redirect_uri' | 'invalid_parameter'; message: string }
  | { ok: false; kind: 'redirect'; redirectUri: string; state: string | null; error: AuthorizationErrorCode; description: string };

/** The parameters the endpoint reads; anything else is ignored (RFC 6749 §3.1). */
export const AUTHORIZATION_PARAMETERS = ['client_id', 'response_type', 'scope', 'purpose', 'redirect_uri', 'state', 'code_challenge', 'code_challenge_method'] as const;

const MAX_PARAMETER_LENGTH = 2048;
const MAX_STATE_LENGTH = 512;
/** RFC 7636 §4.2: BASE64URL(SHA256(verifier)) is 43 characters. */
const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** RFC 7636 §4.6: the S256 transformation of a code verifier. */
export function s256(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/** The parameters as plain strings (first occurrence of each); a repeated parameter is an error (RFC 6749 §3.1). */
export function pickParameters(source: URLSearchParams): Record<string, string> | { repeated: string } {
  const picked: Record<string, string> = {};
  for (const name of AUTHORIZATION_PARAMETERS) {
    const values = source.getAll(name);
    if (values.length > 1) return { repeated: name };
    if (values.length === 1) picked[name] = values[0]!;
  }
  return picked;
}

/**
 * Checks an authorization request against the operator, its redirect URIs and habilitations, in
 * an order that never redirects before the redirect URI is known to be the operator's:
 * client → redirect URI (page errors), then response type, PKCE, scopes, purpose (redirect errors).
 */
export async function checkAuthorizationRequest(store: Store, params: Readonly<Record<string, string>>): Promise<CheckResult> {
  for (const [name, value] of Object.entries(params)) {
    if (value.length > MAX_PARAMETER_LENGTH) {
      return { ok: false, kind: 'page', reason: 'invalid_parameter', message: `Le paramètre « ${name} » est trop long.` };
    }
  }
  const clientId = params['client_id'] ?? '';
  const operator = UUID.test(clientId) ? await store.operators.findById(clientId) : null;
  if (!operator || operator.deletedAt) {
    return { ok: false, kind: 'page', reason: 'unknown_client', message: 'L’organisme qui vous a envoyé ici n’est pas connu de Particulier Hub.' };
  }
  const redirectUri = params['redirect_uri'] ?? '';
  if (redirectUri === '' || !(await store.redirectUris.isRegistered(operator.id, redirectUri))) {
    return { ok: false, kind: 'page', reason: 'invalid_redirect_uri', message: 'L’adresse de retour demandée n’est pas enregistrée pour cet organisme : par précaution, nous ne vous y renvoyons pas.' };
  }
  const stateParam = params['state'];
  const state = stateParam === undefined || stateParam === '' ? null : stateParam;
  const back = (error: AuthorizationErrorCode, description: string): CheckResult => ({ ok: false, kind: 'redirect', redirectUri, state, error, description });

  if (state !== null && state.length > MAX_STATE_LENGTH) return back('invalid_request', `state is longer than ${MAX_STATE_LENGTH} characters`);
  const responseType = params['response_type'];
  if (responseType !== undefined && responseType !== 'code') return back('unsupported_response_type', 'only response_type=code is supported');
  const method = params['code_challenge_method'];
  const challenge = params['code_challenge'];
  if (!challenge || method === undefined) return back('invalid_request', 'PKCE is required: code_challenge and code_challenge_method=S256');
  if (method !== 'S256') return back('invalid_request', 'code_challenge_method must be S256 (plain is refused)');
  if (!S256_CHALLENGE.test(challenge)) return back('invalid_request', 'code_challenge must be the 43-character base64url SHA-256 of the verifier');

  const scopes = [...new Set((params['scope'] ?? '').split(' ').filter(Boolean))];
  if (scopes.length === 0) return back('invalid_scope', 'scope is required (space-separated scope names)');
  const unknown = unknownScopes(scopes);
  if (unknown.length > 0) return back('invalid_scope', `unknown scope(s): ${unknown.join(' ')}`);
  const purposeCode = params['purpose'] ?? '';
  if (purposeCode === '') return back('invalid_request', 'purpose is required (the purpose code of one of the operator\'s habilitations)');
  const inForce = (await store.habilitations.listInForce(operator.id)).filter((h) => h.purposeCode === purposeCode);
  if (inForce.length === 0) return back('invalid_request', 'purpose is not the purpose code of a habilitation in force for this client');
  const habilitation = inForce.find((h) => scopes.every((s) => h.scopes.includes(s)));
  if (!habilitation) {
    const held = new Set(inForce.flatMap((h) => h.scopes));
    return back('invalid_scope', `scope(s) outside the habilitation for this purpose: ${scopes.filter((s) => !held.has(s)).join(' ')}`);
  }
  return {
    ok: true,
    request: {
      operator: { id: operator.id, name: operator.name, siret: operator.siret },
      habilitation: {
        id: habilitation.id, purposeCode: habilitation.purposeCode, purpose: habilitation.purpose,
        legalBasis: habilitation.legalBasis, consentDays: habilitation.consentDays,
      },
      scopes, redirectUri, state, codeChallenge: challenge,
    },
  };
}

/** The parameters to re-check a request later (after the login, at approval): habilitations may change. */
export function parametersOf(request: CheckedRequest): Record<string, string> {
  return {
    client_id: request.operator.id,
    scope: request.scopes.join(' '),
    purpose: request.habilitation.purposeCode,
    redirect_uri: request.redirectUri,
    ...(request.state !== null ? { state: request.state } : {}),
    code_challenge: request.codeChallenge,
    code_challenge_method: 'S256',
  };
}
