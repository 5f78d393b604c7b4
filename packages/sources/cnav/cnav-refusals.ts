import type { RefusalRules } from '../recipe/index.js';

/**
 * CNAV's refusals, for every route it serves (benefits, quotient familial): a 404 means nobody
 * matched the identity (37003 "Dossier allocataire inexistant", 35003/40003 "Allocataire non
 * référencé", 10003/23003 "Dossier allocataire absent MSA/CNAF"); a 422 that is not a malformed
 * parameter means the person matched but has no file for this benefit — a NOT_FOUND too, told
 * apart by its reason.
 */
export const CNAV_REFUSALS: RefusalRules = {
  codes: { '00366': 'invalid_request', '00203': 'invalid_request', '37008': 'provider_rate_limited' },
  statuses: { 404: 'identity_not_matched', 422: { reason: 'no_record', code: 'NOT_FOUND' } },
};
