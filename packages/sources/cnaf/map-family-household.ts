import { parseWireDate, readDataBlock, wire, type AddressObject, type IdentityObject } from '../http/index.js';
import type { FamilyHousehold, FamilyProvider, FamilyQuotient } from './family-household.js';

/**
 * Maps the `data` of `GET /v3/dss/quotient_familial/identite` to a FamilyHousehold. Throws only
 * when the body has no `data` object; any single odd field or missing block becomes null.
 */
export function mapFamilyHousehold(body: unknown): FamilyHousehold {
  const data = readDataBlock(body);
  const familyQuotient = mapFamilyQuotient(data.quotient_familial);
  return {
    kind: 'family',
    adults: wire.array(data.allocataires)?.map(mapPerson) ?? null,
    // The API omits or empties `enfants` when the family has none: both read as [].
    children: (wire.array(data.enfants) ?? []).map((child) => ({ identity: mapPerson(child) })),
    address: mapAddress(data.adresse),
    familyQuotient,
    provider: familyQuotient?.provider ?? null,
  };
}

function mapFamilyQuotient(value: unknown): FamilyQuotient | null {
  const qf = wire.object(value);
  if (!qf) return null;
  return {
    value: wire.int(qf.valeur),
    year: wire.int(qf.annee),
    month: wire.int(qf.mois),
    computedYear: wire.int(qf.annee_calcul),
    computedMonth: wire.int(qf.mois_calcul),
    provider: readProvider(qf.fournisseur),
  };
}

function readProvider(value: unknown): FamilyProvider | null {
  return value === 'CNAF' || value === 'MSA' ? value : null;
}

/** allocataires[] / enfants[]: nom_naissance, nom_usage, prenoms (space-separated), date_naissance, sexe. */
function mapPerson(value: unknown): IdentityObject {
  const p = wire.object(value) ?? {};
  return {
    birthName: wire.string(p.nom_naissance),
    usageName: wire.string(p.nom_usage),
    firstNames: wire.firstNames(p.prenoms),
    sex: wire.sex(p.sexe),
    birthDate: parseWireDate(p.date_naissance, 'YYYY-MM-DD'),
    // CNAF/MSA give no birth place.
    birthPlaceCode: null,
    birthCountryCode: null,
  };
}

/**
 * adresse (La Poste format): destinataire, complement_information,
 * complement_information_geographique, numero_libelle_voie, lieu_dit, code_postal_ville, pays.
 */
function mapAddress(value: unknown): AddressObject | null {
  const a = wire.object(value);
  if (!a) return null;
  const lines = [a.complement_information, a.complement_information_geographique, a.numero_libelle_voie, a.lieu_dit]
    .map(wire.string)
    .filter((line): line is string => line !== null);
  const postalCity = wire.string(a.code_postal_ville)?.trim() ?? null;
  const match = postalCity === null ? null : /^(?<postalCode>\d{5})\s+(?<city>.+)$/.exec(postalCity);
  if (postalCity !== null && !match) lines.push(postalCity);
  return {
    recipient: wire.string(a.destinataire),
    lines: lines.length > 0 ? lines : null,
    postalCode: match?.groups?.postalCode ?? null,
    city: match?.groups?.city ?? null,
    country: wire.string(a.pays),
  };
}
