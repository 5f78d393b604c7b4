import type { Database } from './database.js';
import { ApiTokensRepository } from './api-tokens-repository.js';
import { ConsentsRepository } from './consents-repository.js';
import { HabilitationsRepository } from './habilitations-repository.js';
import { OperatorsRepository } from './operators-repository.js';
import { SigningKeysRepository } from './signing-keys-repository.js';
import { OperatorRedirectUrisRepository } from './operator-redirect-uris-repository.js';
import { PushedRequestsRepository } from './pushed-requests-repository.js';
import { AuthorizationCodesRepository } from './authorization-codes-repository.js';
import { OperatorLimitsRepository } from './operator-limits-repository.js';
import { SubjectQuotaRepository } from './subject-quota-repository.js';

/** The repositories over one database. */
export type Store = {
  db: Database;
  operators: OperatorsRepository;
  habilitations: HabilitationsRepository;
  signingKeys: SigningKeysRepository;
  apiTokens: ApiTokensRepository;
  consents: ConsentsRepository;
  redirectUris: OperatorRedirectUrisRepository;
  pushedRequests: PushedRequestsRepository;
  authorizationCodes: AuthorizationCodesRepository;
  operatorLimits: OperatorLimitsRepository;
  subjectQuota: SubjectQuotaRepository;
  /** Cheap reachability probe for /readyz. */
  ping(): Promise<void>;
};

export function createStore(db: Database): Store {
  const k = db.knex;
  return {
    db,
    operators: new OperatorsRepository(k),
    habilitations: new HabilitationsRepository(k),
    signingKeys: new SigningKeysRepository(k),
    apiTokens: new ApiTokensRepository(k),
    consents: new ConsentsRepository(k),
    redirectUris: new OperatorRedirectUrisRepository(k),
    pushedRequests: new PushedRequestsRepository(k),
    authorizationCodes: new AuthorizationCodesRepository(k),
    operatorLimits: new OperatorLimitsRepository(k),
    subjectQuota: new SubjectQuotaRepository(k),
    ping: async () => {
      await k.raw('select 1');
    },
  };
}
