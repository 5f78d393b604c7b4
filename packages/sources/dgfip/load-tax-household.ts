import { HubError, type SubjectIdentity } from '@hub/core';
import type { DgfipLoaders } from './create-dgfip-source.js';
import type { TaxHousehold } from './tax-household.js';

/**
 * The tax household of the consented notice. DGFIP is asked by numéro fiscal + référence d'avis,
 * which the citizen types at consent time; without them there is nothing to ask, so the field
 * fails with NOT_FOUND (naming the missing identifier) and no upstream call is made.
 */
export async function loadTaxHousehold(subject: SubjectIdentity, loaders: DgfipLoaders): Promise<TaxHousehold> {
  const { numeroFiscal, referenceAvis } = subject;
  if (!numeroFiscal || !referenceAvis) {
    const missing = [numeroFiscal ? null : 'numeroFiscal', referenceAvis ? null : 'referenceAvis'].filter((m) => m !== null);
    throw new HubError(
      'NOT_FOUND',
      `The consent carries no ${missing.join(' and no ')} (DGFIP identifiers typed at consent): the tax notice cannot be looked up.`,
      { provider: 'DGFIP', reason: `missing_${missing.join('_and_')}` },
    );
  }
  return loaders.taxHousehold.load({ numeroFiscal, referenceAvis });
}
