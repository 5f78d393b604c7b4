import type { SubjectIdentity } from '@hub/core';
import { buildIneOrIdentityLookup, type IneOrIdentityLookup } from '../http/index.js';

/** Which CNOUS route to call for a subject, and with what query. */
export type CnousLookup = IneOrIdentityLookup;

/**
 * The INE, else the identity pivot with up to three first names (OpenAPI: `prenoms[]` maxItems 3,
 * more names lower the risk of homonyms).
 */
export function buildCnousLookup(subject: SubjectIdentity): CnousLookup {
  return buildIneOrIdentityLookup(subject, { provider: 'CNOUS', maxFirstNames: 3 });
}
