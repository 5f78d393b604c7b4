import { readDataBlock, readLaPosteAddress, readWirePerson, wire, type IdentityObject } from '../http/index.js';
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
    // La Poste format; code_postal_ville splits only as "75002 PARIS".
    address: readLaPosteAddress(data.adresse),
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

/** allocataires[] / enfants[]: nom_naissance, nom_usage, prenoms, date_naissance, sexe; CNAF/MSA give no birth place. */
function mapPerson(value: unknown): IdentityObject {
  return readWirePerson(wire.object(value) ?? {});
}
