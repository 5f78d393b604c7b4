import type { PersonParent } from '@hub/core';
import type { DgfipLoaders } from './create-dgfip-source.js';
import { loadTaxHousehold } from './load-tax-household.js';
import type { TaxHousehold } from './tax-household.js';

export type DgfipContext = { loaders: { dgfip: DgfipLoaders } };

/**
 * Resolvers of schema/dgfip.graphql. Scopes are enforced by @policy before these run; leaves of
 * TaxHousehold, TaxNotice and the declarants use default resolvers over the mapped object.
 */
export const dgfipResolvers = {
  Person: {
    taxHousehold: (parent: PersonParent, _args: unknown, ctx: DgfipContext): Promise<TaxHousehold> =>
      loadTaxHousehold(parent.subject, ctx.loaders.dgfip),
  },
  Household: {
    /** Both implementations carry a `kind` discriminator (TaxHousehold 'tax', FamilyHousehold 'family'). */
    __resolveType: (household: { kind?: string }): 'TaxHousehold' | 'FamilyHousehold' | null =>
      household.kind === 'tax' ? 'TaxHousehold' : household.kind === 'family' ? 'FamilyHousehold' : null,
  },
};
