/** Why a login at the identity provider failed; the code is logged, never personal data. */
export type CitizenLoginErrorCode =
  /** Discovery, JWKS or token endpoint unreachable or answering garbage. */
  | 'idp_unavailable'
  /** The token endpoint refused the code (expired, reused, wrong client...). */
  | 'token_exchange_refused'
  /** The ID token failed verification (signature, algorithm, iss, aud, nonce, exp). */
  | 'id_token_invalid'
  /** The ID token lacks a claim the identity pivot needs, or has it in an unknown format. */
  | 'identity_incomplete';

export class CitizenLoginError extends Error {
  constructor(readonly code: CitizenLoginErrorCode, readonly reason: string) {
    super(`${code}: ${reason}`);
    this.name = 'CitizenLoginError';
  }
}
