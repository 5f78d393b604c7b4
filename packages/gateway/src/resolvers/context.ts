import type { Logger } from 'pino';
import type { UpstreamCallRecord } from '@hub/core';
import type { ConsentService } from '../auth/consent-service.js';
import type { Principal } from '../auth/principal.js';
import type { SourceLoaders } from './create-sources.js';
import type { SubjectContext } from './subject-context.js';
import type { QuotaSubject } from '../limits/operator-limits.js';
import type { FranceConnectConsents } from '../franceconnect/franceconnect-consents.js';

/** Per-request GraphQL context: built once per HTTP request, never shared. */
export type GraphQLContext = {
  requestId: string;
  principal: Principal;
  logger: Logger;
  /** Per-request DataLoaders of every source (de-duplication within this request only). */
  loaders: SourceLoaders;
  /** Subjects of this request by root key (`person`, `persons.3`), registered by the root resolvers. */
  subjects: Map<string, SubjectContext<GraphQLContext>>;
  consents: ConsentService;
  /** FranceConnect mode (`person(franceConnectToken:)`); absent when not configured. */
  franceConnect?: FranceConnectConsents;
  /** Every upstream HTTP attempt of this request; each subject's entry lists its own (SubjectContext). */
  upstreamCalls: UpstreamCallRecord[];
  /** The daily distinct-citizen quota: admits the subjects, returns the indexes refused (absent: no quota). */
  quota?: (subjects: readonly QuotaSubject[]) => Promise<Set<number>>;
  /**
   * The request's admission by its token's rate, counted while the query starts (absent: no rate
   * limit). Rejects with the refusal (RATE_LIMITED, or SERVICE_UNAVAILABLE when the counter store
   * fails). The root resolvers await it before any consent is used: no upstream call, quota
   * admission or release happens for a refused request, whose answer becomes the HTTP refusal.
   */
  admission?: Promise<void>;
  /** For metrics and the request span: the operation executed (null: anonymous) and the result
   * as sent, set by either execution path just before the response leaves. */
  operationName?: string | null;
  sent?: { errors?: ReadonlyArray<unknown> };
};
