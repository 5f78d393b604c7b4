import { HubError, type SubjectIdentity } from '@hub/core';
import type { TaxHousehold } from './tax-household.js';

/** Query of the avis-imposition route: the two identifiers typed by the citizen at consent. */
export type TaxNoticeKey = { numeroFiscal: string; referenceAvis: string };

/**
 * The consented notice's key. DGFIP is asked by numéro fiscal + référence d'avis, which the
 * citizen types at consent time; without them there is nothing to ask, so the field fails with
 * NOT_FOUND `missing_identifier` (the message names what is missing) and no upstream call is made.
 */
export function taxNoticeKey(subject: SubjectIdentity): TaxNoticeKey {
  const { numeroFiscal, referenceAvis } = subject;
  if (!numeroFiscal || !referenceAvis) {
    const missing = [numeroFiscal ? null : 'numeroFiscal', referenceAvis ? null : 'referenceAvis'].filter((m) => m !== null);
    throw new HubError(
      'NOT_FOUND',
      `The consent carries no ${missing.join(' and no ')} (DGFIP identifiers typed at consent): the tax notice cannot be looked up.`,
      { provider: 'DGFIP', reason: 'missing_identifier' },
    );
  }
  return { numeroFiscal, referenceAvis };
}

/** The tax household of the consented notice, through the request's DGFIP loaders (`Person.households`). */
export function loadTaxHousehold(subject: SubjectIdentity, loaders: { taxHousehold: { load(key: TaxNoticeKey): Promise<TaxHousehold> } }): Promise<TaxHousehold> {
  return loaders.taxHousehold.load(taxNoticeKey(subject));
}
