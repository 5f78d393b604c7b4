import type { Answer, QueryParams } from '../wire/answer.js';
import type { WorldIndex } from '../world/world-index.js';

/** The citizen behind a FranceConnect access token (its check-token claims). */
export type FranceConnectIdentity = { familyName: string; givenName: string; birthdate: string };

export type RouteContext = {
  index: WorldIndex;
  now: Date;
  /** On a `bearer: 'franceconnect'` route: whom the bearer token designates. */
  franceConnect?: FranceConnectIdentity;
};

/** One upstream route of the sandbox, speaking one provider's wire format. */
export type Route = {
  /** Path relative to the mount point, e.g. `/v3/dss/quotient_familial/identite`. */
  path: string;
  /** `v3`: `{errors:[...]}` bodies; `dgfip`: the flat v2 `{error, reason, message}` bodies. */
  dialect: 'v3' | 'dgfip';
  /**
   * `franceconnect`: API Particulier's `/france_connect` routes take the citizen's FranceConnect
   * access token as bearer instead of the sandbox token (the staging corpus's check-token cases,
   * or an access token of the sandbox IdP).
   */
  bearer?: 'franceconnect';
  /** The error body this provider sends with a given status (fault injection). */
  errorForStatus(status: number): Answer;
  /** Answers validated, authenticated parameters (the `recipient` already checked). */
  answer(params: QueryParams, context: RouteContext): Answer;
};

/** The v3 success envelope. */
export function v3Data(data: unknown): Answer {
  return { status: 200, body: { data, links: {}, meta: {} } };
}
