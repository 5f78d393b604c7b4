import type { AddressObject, IdentityObject } from '../http/index.js';

export type FamilyProvider = 'CNAF' | 'MSA';

/** Child shape of base.graphql: MEN's `Child.schooling` reads `identity`. */
export type ChildObject = { identity: IdentityObject };

export type FamilyQuotient = {
  value: number | null;
  year: number | null;
  month: number | null;
  computedYear: number | null;
  computedMonth: number | null;
  provider: FamilyProvider | null;
};

/** GraphQL-shaped FamilyHousehold of schema/cnaf.graphql. */
export type FamilyHousehold = {
  /** Discriminator read by `Household.__resolveType`. */
  kind: 'family';
  adults: IdentityObject[] | null;
  children: ChildObject[] | null;
  address: AddressObject | null;
  familyQuotient: FamilyQuotient | null;
  provider: FamilyProvider | null;
};
