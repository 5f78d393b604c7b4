import { parseWireDate, readDataBlock, wire } from '../http/index.js';

export type VehicleCode = { code: string | null; label: string | null };
export type VehicleHolderStatus = 'HOLDER' | 'CO_HOLDER' | 'LESSEE';

/** GraphQL-shaped VehicleRegistration of schema/ants.graphql. */
export type VehicleRegistrationRecord = {
  holder: {
    lastName: string | null;
    firstName: string | null;
    sex: 'F' | 'M' | null;
    birthDate: string | null;
    birthYear: number | null;
    birthMonth: number | null;
    birthDay: number | null;
    birthDepartmentCode: string | null;
  } | null;
  holderAddress: {
    complement: string | null;
    streetNumber: string | null;
    streetNumberExtension: string | null;
    streetType: string | null;
    streetName: string | null;
    floorStairsApartment: string | null;
    locality: string | null;
    postalCode: string | null;
    city: string | null;
    country: string | null;
  } | null;
  holderStatus: VehicleHolderStatus | null;
  registration: { number: string | null; firstRegistrationDate: string | null; leaseStatus: VehicleCode | null } | null;
  technicalCharacteristics: {
    make: string | null;
    typeVariantVersion: string | null;
    commercialName: string | null;
    maxLadenMass: number | null;
    category: VehicleCode | null;
    nationalType: VehicleCode | null;
    engineCapacity: number | null;
    fuelType: VehicleCode | null;
    co2Emissions: number | null;
    environmentalClass: VehicleCode | null;
  } | null;
  identityMatch: { familyName: number | null; givenName: number | null; birthDate: number | null; overall: boolean | null } | null;
};

/** `statut_rattachement` (OpenAPI enum). */
const HOLDER_STATUS: Readonly<Record<string, VehicleHolderStatus>> = { titulaire: 'HOLDER', cotitulaire: 'CO_HOLDER', locataire: 'LESSEE' };

/**
 * Maps `GET /v3/ants/extrait_immatriculation_vehicule/france_connect` (`data` and
 * `meta.identity_matching`). Throws only when the body has no `data` object.
 */
export function mapVehicleRegistration(body: unknown): VehicleRegistrationRecord {
  const data = readDataBlock(body);
  const status = wire.string(data.statut_rattachement);
  return {
    holder: mapHolder(data.identite_particulier),
    holderAddress: mapAddress(data.adresse_particulier),
    holderStatus: status !== null && Object.hasOwn(HOLDER_STATUS, status) ? HOLDER_STATUS[status]! : null,
    registration: mapRegistration(data.donnees_immatriculation_vehicule),
    technicalCharacteristics: mapCharacteristics(data.caracteristiques_techniques_vehicule),
    identityMatch: mapMatching(wire.object(wire.object(body)?.meta)?.identity_matching),
  };
}

function mapHolder(value: unknown): VehicleRegistrationRecord['holder'] {
  const p = wire.object(value);
  if (!p) return null;
  const year = wire.int(p.annee_date_naissance);
  const month = wire.int(p.mois_date_naissance);
  const day = wire.int(p.jour_date_naissance);
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return {
    lastName: wire.string(p.nom),
    firstName: wire.string(p.prenom),
    sex: wire.sex(p.sexe_etat_civil),
    // A complete and possible date only (year, month and day are nullable upstream).
    birthDate: year !== null && month !== null && day !== null ? parseWireDate(`${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`, 'YYYY-MM-DD') : null,
    birthYear: year,
    birthMonth: month !== null && month >= 1 && month <= 12 ? month : null,
    birthDay: day !== null && day >= 1 && day <= 31 ? day : null,
    birthDepartmentCode: wire.string(p.code_departement_naissance),
  };
}

function mapAddress(value: unknown): VehicleRegistrationRecord['holderAddress'] {
  const a = wire.object(value);
  if (!a) return null;
  return {
    complement: wire.string(a.complement_information),
    streetNumber: wire.string(a.num_voie),
    streetNumberExtension: wire.string(a.extension),
    streetType: wire.string(a.type_voie),
    streetName: wire.string(a.libelle_voie),
    floorStairsApartment: wire.string(a.etage_escalier_appartement),
    locality: wire.string(a.lieu_dit),
    postalCode: wire.string(a.code_postal_ville),
    city: wire.string(a.libelle_commune),
    country: wire.string(a.pays),
  };
}

/** `{code, label}`; both null (`statut_location` of a vehicle that is not leased) reads null. */
function mapCode(value: unknown): VehicleCode | null {
  const c = wire.object(value);
  const code = wire.string(c?.code);
  const label = wire.string(c?.label);
  return code === null && label === null ? null : { code, label };
}

function mapRegistration(value: unknown): VehicleRegistrationRecord['registration'] {
  const r = wire.object(value);
  if (!r) return null;
  return {
    number: wire.string(r.numero_immatriculation),
    firstRegistrationDate: parseWireDate(r.date_premiere_immatriculation, 'YYYY-MM-DD'),
    leaseStatus: mapCode(r.statut_location),
  };
}

function mapCharacteristics(value: unknown): VehicleRegistrationRecord['technicalCharacteristics'] {
  const t = wire.object(value);
  if (!t) return null;
  return {
    make: wire.string(t.marque),
    typeVariantVersion: wire.string(t.type_variante_version),
    commercialName: wire.string(t.denomination_commerciale),
    maxLadenMass: wire.number(t.masse_charge_maximale),
    category: mapCode(t.categorie_vehicule),
    nationalType: mapCode(t.genre_national),
    engineCapacity: wire.number(t.cylindree),
    fuelType: mapCode(t.type_carburant),
    co2Emissions: wire.number(t.taux_co2),
    environmentalClass: mapCode(t.classe_environnementale),
  };
}

function mapMatching(value: unknown): VehicleRegistrationRecord['identityMatch'] {
  const m = wire.object(value);
  if (!m) return null;
  return {
    familyName: wire.number(m.family_name),
    givenName: wire.number(m.given_name),
    birthDate: wire.number(m.birth_date),
    overall: wire.boolean(m.overall_match),
  };
}
