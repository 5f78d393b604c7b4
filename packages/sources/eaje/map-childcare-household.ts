import { readDataBlock, readLaPosteAddress, readWirePerson, wire, type AddressObject, type IdentityObject } from '../http/index.js';

/** GraphQL-shaped ChildcareFeeParameters of schema/eaje.graphql. */
export type ChildcareFeeParameters = {
  dependentChildren: number | null;
  childrenWithAeeh: number | null;
  annualResources: number | null;
  annualResourcesYear: number | null;
};

/** GraphQL-shaped ChildcareHousehold (implements Household). */
export type ChildcareHousehold = {
  /** Discriminator read by `Household.__resolveType`. */
  kind: 'childcare';
  adults: IdentityObject[] | null;
  children: { identity: IdentityObject }[] | null;
  address: AddressObject | null;
  feeParameters: ChildcareFeeParameters | null;
};

/**
 * Maps the `data` of `GET /v3/dss/participation_familiale_eaje/identite`. Throws only when the
 * body has no `data` object; any single odd field or missing block becomes null.
 */
export function mapChildcareHousehold(body: unknown): ChildcareHousehold {
  const data = readDataBlock(body);
  return {
    kind: 'childcare',
    adults: wire.array(data.allocataires)?.map(mapPerson) ?? null,
    // As for the quotient familial route, a family without children may omit `enfants`.
    children: (wire.array(data.enfants) ?? []).map((child) => ({ identity: mapPerson(child) })),
    // La Poste format, as on the quotient familial route, but code_postal_ville is "75002" alone
    // in the staging case ("75002 PARIS" elsewhere).
    address: readLaPosteAddress(data.adresse, { postalCodeWithoutCity: true }),
    feeParameters: mapFeeParameters(data.parametres_calcul_participation_familiale),
  };
}

/** allocataires[] / enfants[]: nom_naissance, nom_usage, prenoms, date_naissance, sexe, code_cog_insee_commune_naissance. */
function mapPerson(value: unknown): IdentityObject {
  return readWirePerson(wire.object(value) ?? {}, { withBirthPlace: true });
}

/** parametres_calcul_participation_familiale: nombre_enfants_a_charge, nombre_enfants_beneficiaire_aeeh, base_ressources_annuelles { valeur, annee_calcul }. */
function mapFeeParameters(value: unknown): ChildcareFeeParameters | null {
  const p = wire.object(value);
  if (!p) return null;
  const base = wire.object(p.base_ressources_annuelles);
  return {
    dependentChildren: wire.int(p.nombre_enfants_a_charge),
    childrenWithAeeh: wire.int(p.nombre_enfants_beneficiaire_aeeh),
    annualResources: wire.int(base?.valeur),
    annualResourcesYear: wire.int(base?.annee_calcul),
  };
}
