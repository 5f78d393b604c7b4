/**
 * The shape of base.graphql's `Identity` that every source's mappers produce (so default
 * resolvers serve it, and MEN's `Child.schooling` can read `parent.identity`).
 */
export type IdentityObject = {
  birthName: string | null;
  usageName: string | null;
  firstNames: string[] | null;
  sex: 'F' | 'M' | null;
  /** ISO YYYY-MM-DD. */
  birthDate: string | null;
  birthPlaceCode: string | null;
  birthCountryCode: string | null;
};
