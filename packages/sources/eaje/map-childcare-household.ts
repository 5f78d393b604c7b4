import { parseWireDate, readDataBlock, wire, type AddressObject, type IdentityObject } from '../http/index.js';

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
    address: mapAddress(data.adresse),
    feeParameters: mapFeeParameters(data.parametres_calcul_participation_familiale),
  };
}

/** allocataires[] / enfants[]: nom_naissance, nom_usage, prenoms, date_naissance, sexe, code_cog_insee_commune_naissance. */
function mapPerson(value: unknown): IdentityObject {
  const p = wire.object(value) ?? {};
  return {
    birthName: wire.string(p.nom_naissance),
    usageName: wire.string(p.nom_usage),
    firstNames: wire.firstNames(p.prenoms),
    sex: wire.sex(p.sexe),
    birthDate: parseWireDate(p.date_naissance, 'YYYY-MM-DD'),
    birthPlaceCode: wire.string(p.code_cog_insee_commune_naissance),
    birthCountryCode: null,
  };
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

/**
 * adresse (La Poste format, as on the quotient familial route): destinataire, complement_information,
 * complement_information_geographique, numero_libelle_voie, lieu_dit, code_postal_ville ("75002"
 * alone in the staging case, "75002 PARIS" elsewhere), pays.
 */
function mapAddress(value: unknown): AddressObject | null {
  const a = wire.object(value);
  if (!a) return null;
  const lines = [a.complement_information, a.complement_information_geographique, a.numero_libelle_voie, a.lieu_dit]
    .map(wire.string)
    .filter((line): line is string => line !== null);
  const postalCity = wire.string(a.code_postal_ville)?.trim() ?? null;
  const match = postalCity === null ? null : /^(?<postalCode>\d{5})(?:\s+(?<city>.+))?$/.exec(postalCity);
  if (postalCity !== null && !match) lines.push(postalCity);
  return {
    recipient: wire.string(a.destinataire),
    lines: lines.length > 0 ? lines : null,
    postalCode: match?.groups?.postalCode ?? null,
    city: match?.groups?.city ?? null,
    country: wire.string(a.pays),
  };
}
