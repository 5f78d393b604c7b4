import { readDataBlock, wire } from '../http/index.js';

export type NationalServiceStanding = 'IN_ORDER' | 'NOT_IN_ORDER' | 'UNDETERMINED' | 'NOT_CONCERNED';

/** GraphQL-shaped NationalServiceStatus of schema/dsnj.graphql. */
export type NationalServiceRecord = { status: NationalServiceStanding | null; comments: string | null };

/** `statut_service_national`, the OpenAPI enum; an undocumented value reads null. */
const STANDINGS: Readonly<Record<string, NationalServiceStanding>> = {
  en_regle: 'IN_ORDER',
  pas_en_regle: 'NOT_IN_ORDER',
  indetermine: 'UNDETERMINED',
  non_concerne: 'NOT_CONCERNED',
};

/** Maps the `data` of `GET /v3/dsnj/service_national/identite`; throws only without a `data` object. */
export function mapNationalService(body: unknown): NationalServiceRecord {
  const data = readDataBlock(body);
  const status = wire.string(data.statut_service_national);
  return {
    status: status !== null && Object.hasOwn(STANDINGS, status) ? STANDINGS[status]! : null,
    comments: wire.string(data.commentaires),
  };
}
