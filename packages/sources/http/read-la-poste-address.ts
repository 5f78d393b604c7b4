import type { AddressObject } from './address-object.js';
import { wire } from './wire.js';

export type LaPosteAddressOptions = {
  /**
   * Accept a `code_postal_ville` that is a postal code alone ("75002": postalCode set, city null).
   * Off by default: the value then only splits when it reads "75002 PARIS", and anything else
   * (a lone postal code included) is kept as a last address line.
   */
  postalCodeWithoutCity?: boolean;
};

const POSTAL_CODE_AND_CITY = /^(?<postalCode>\d{5})\s+(?<city>.+)$/;
const POSTAL_CODE_OPTIONAL_CITY = /^(?<postalCode>\d{5})(?:\s+(?<city>.+))?$/;

/**
 * An `adresse` block in La Poste format (DSS routes): destinataire, complement_information,
 * complement_information_geographique, numero_libelle_voie, lieu_dit, code_postal_ville, pays.
 * Null when the block is not an object; a `code_postal_ville` that does not split is kept as a line.
 */
export function readLaPosteAddress(value: unknown, options: LaPosteAddressOptions = {}): AddressObject | null {
  const a = wire.object(value);
  if (!a) return null;
  const lines = [a.complement_information, a.complement_information_geographique, a.numero_libelle_voie, a.lieu_dit]
    .map(wire.string)
    .filter((line): line is string => line !== null);
  const postalCity = wire.string(a.code_postal_ville)?.trim() ?? null;
  const pattern = options.postalCodeWithoutCity ? POSTAL_CODE_OPTIONAL_CITY : POSTAL_CODE_AND_CITY;
  const match = postalCity === null ? null : pattern.exec(postalCity);
  if (postalCity !== null && !match) lines.push(postalCity);
  return {
    recipient: wire.string(a.destinataire),
    lines: lines.length > 0 ? lines : null,
    postalCode: match?.groups?.postalCode ?? null,
    city: match?.groups?.city ?? null,
    country: wire.string(a.pays),
  };
}
