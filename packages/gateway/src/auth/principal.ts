import type { HabilitationRecord } from '@hub/store';

/** The authenticated caller of one request: an operator acting with one API token. */
export type Principal = {
  operatorId: string;
  operatorName: string;
  siret: string;
  jti: string;
  tokenExpiresAt: Date;
  habilitations: HabilitationRecord[];
  /** Union of the scopes of the habilitations in force. */
  scopes: ReadonlySet<string>;
};
