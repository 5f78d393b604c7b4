import type { AddressObject, IdentityObject } from '../http/index.js';

/** GraphQL-shaped objects of schema/dgfip.graphql (default resolvers read these properties). */

export type TaxDeclarant = {
  usageName: string | null;
  birthName: string | null;
  firstNames: string[] | null;
  birthDate: string | null;
};

export type TaxNotice = {
  referenceTaxIncome: number | null;
  taxShares: number | null;
  dependents: number | null;
  familySituation: string | null;
  grossIncome: number | null;
  taxableIncome: number | null;
  netTaxBeforeCorrections: number | null;
  taxAmount: number | null;
  taxYear: number | null;
  incomeYear: number | null;
  correctiveNotice: string | null;
  partialSituation: string | null;
  collectionDate: string | null;
  assessmentDate: string | null;
};

export type TaxHousehold = {
  /** Discriminator read by `Household.__resolveType`. */
  kind: 'tax';
  adults: IdentityObject[];
  /** DGFIP gives only a count of dependents, never who they are. */
  children: null;
  address: AddressObject | null;
  fiscalAddress: string | null;
  fiscalAddressYear: number | null;
  declarant1: TaxDeclarant | null;
  declarant2: TaxDeclarant | null;
  taxNotice: TaxNotice;
};
