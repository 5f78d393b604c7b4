import type { Logger } from 'pino';
import type { Principal } from '../auth/principal.js';

/** Per-request GraphQL context: built once per HTTP request, never shared. */
export type GraphQLContext = {
  requestId: string;
  principal: Principal;
  logger: Logger;
};
