import type { Answer, QueryParams } from '../wire/answer.js';
import type { WorldIndex } from '../world/world-index.js';

export type RouteContext = { index: WorldIndex; now: Date };

/** One upstream route of the sandbox, speaking one provider's wire format. */
export type Route = {
  /** Path relative to the mount point, e.g. `/v3/dss/quotient_familial/identite`. */
  path: string;
  /** `v3`: `{errors:[...]}` bodies; `dgfip`: the flat v2 `{error, reason, message}` bodies. */
  dialect: 'v3' | 'dgfip';
  /** The error body this provider sends with a given status (fault injection). */
  errorForStatus(status: number): Answer;
  /** Answers validated, authenticated parameters (the `recipient` already checked). */
  answer(params: QueryParams, context: RouteContext): Answer;
};

/** The v3 success envelope. */
export function v3Data(data: unknown): Answer {
  return { status: 200, body: { data, links: {}, meta: {} } };
}
