import type { IdentityObject } from './identity-object.js';
import { parseWireDate } from './parse-wire-date.js';
import { wire } from './wire.js';

export type WirePersonOptions = {
  /** Read `code_cog_insee_commune_naissance` as birthPlaceCode (EAJE); otherwise the API gives no birth place. */
  withBirthPlace?: boolean;
};

/**
 * A person block of the DSS and SDH routes: nom_naissance, nom_usage, prenoms (space-separated),
 * date_naissance (YYYY-MM-DD), sexe, and with `withBirthPlace` code_cog_insee_commune_naissance.
 * No birth country on these routes.
 */
export function readWirePerson(p: Record<string, unknown>, options: WirePersonOptions = {}): IdentityObject {
  return {
    birthName: wire.string(p.nom_naissance),
    usageName: wire.string(p.nom_usage),
    firstNames: wire.firstNames(p.prenoms),
    sex: wire.sex(p.sexe),
    birthDate: parseWireDate(p.date_naissance, 'YYYY-MM-DD'),
    birthPlaceCode: options.withBirthPlace ? wire.string(p.code_cog_insee_commune_naissance) : null,
    birthCountryCode: null,
  };
}
