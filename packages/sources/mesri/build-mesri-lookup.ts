import type { SubjectIdentity } from '@hub/core';
import { buildIneOrIdentityLookup, type IneOrIdentityLookup } from '../http/index.js';

/** Which MESRI route to call for a subject, and with what query. */
export type MesriLookup = IneOrIdentityLookup;

/** The INE, else the identity pivot with a single first name (OpenAPI: `prenoms[]` maxItems 1). */
export function buildMesriLookup(subject: SubjectIdentity): MesriLookup {
  return buildIneOrIdentityLookup(subject, { provider: 'MESRI', maxFirstNames: 1 });
}
