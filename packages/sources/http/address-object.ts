/** The shape of base.graphql's `Address` that source mappers produce. */
export type AddressObject = {
  recipient: string | null;
  /** Postal lines in order, without the recipient. */
  lines: string[] | null;
  postalCode: string | null;
  city: string | null;
  country: string | null;
};
