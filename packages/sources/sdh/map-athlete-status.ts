import { parseWireDate, readDataBlock, readWirePerson, wire, type IdentityObject } from '../http/index.js';

export type AthleteCodedName = { code: string | null; name: string | null };

/** GraphQL-shaped AthleteStatusPeriod of schema/sdh.graphql. */
export type AthleteStatusPeriod = {
  recordNumber: number | null;
  startDate: string | null;
  endDate: string | null;
  federation: { code: string | null; name: string | null; shortName: string | null } | null;
  establishment: AthleteCodedName | null;
  region: AthleteCodedName | null;
  category: { code: string | null; name: string | null; value: string | null } | null;
  isHighLevel: boolean | null;
};

/** GraphQL-shaped AthleteStatus. */
export type AthleteStatusRecord = {
  identity: IdentityObject | null;
  isHighLevelAthlete: boolean | null;
  wasHighLevelAthlete: boolean | null;
  currentStatus: AthleteStatusPeriod | null;
  previousStatuses: AthleteStatusPeriod[] | null;
};

/** Maps the `data` of `GET /v3/sdh/statut_sportif/identifiant`; throws only without a `data` object. */
export function mapAthleteStatus(body: unknown): AthleteStatusRecord {
  const data = readDataBlock(body);
  const previous = wire.array(data.informations_statuts_precedents);
  return {
    identity: mapIdentity(data.identite),
    isHighLevelAthlete: wire.boolean(data.est_sportif_de_haut_niveau),
    wasHighLevelAthlete: wire.boolean(data.a_ete_sportif_de_haut_niveau),
    currentStatus: mapPeriod(data.informations_statut),
    previousStatuses: previous ? previous.map(mapPeriod).filter((p): p is AthleteStatusPeriod => p !== null) : null,
  };
}

/** identite: nom_naissance, nom_usage, prenoms (space-separated), date_naissance, sexe; no birth place. */
function mapIdentity(value: unknown): IdentityObject | null {
  const p = wire.object(value);
  return p && readWirePerson(p);
}

/** informations_statut and each informations_statuts_precedents[]: periode, federation, etablissement, region, categorie. */
function mapPeriod(value: unknown): AthleteStatusPeriod | null {
  const s = wire.object(value);
  if (!s) return null;
  const period = wire.object(s.periode);
  const federation = wire.object(s.federation);
  const establishment = wire.object(s.etablissement);
  const region = wire.object(s.region);
  const category = wire.object(s.categorie);
  return {
    recordNumber: wire.int(s.fiche),
    startDate: parseWireDate(period?.date_debut_statut, 'YYYY-MM-DD'),
    endDate: parseWireDate(period?.date_fin_statut, 'YYYY-MM-DD'),
    federation: federation && {
      code: wire.string(federation.code_federation),
      name: wire.string(federation.nom_federation),
      shortName: wire.string(federation.nom_court_federation),
    },
    establishment: establishment && { code: wire.string(establishment.code_etablissement), name: wire.string(establishment.nom_etablissement) },
    region: region && { code: wire.string(region.code_region), name: wire.string(region.nom_region) },
    category: category && { code: wire.string(category.code_categorie), name: wire.string(category.nom_categorie), value: wire.string(category.valeur) },
    isHighLevel: wire.boolean(s.sportif_de_haut_niveau),
  };
}
