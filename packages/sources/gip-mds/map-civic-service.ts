import { parseWireDate, readDataBlock, wire } from '../http/index.js';

export type CivicServiceHost = { siret: string | null; name: string | null };

/** GraphQL-shaped CivicServiceContract of schema/gip-mds.graphql. */
export type CivicServiceContract = {
  found: boolean | null;
  /** Null when there is no contract (the upstream then sends a block of nulls). */
  hostOrganisation: CivicServiceHost | null;
  startDate: string | null;
  endDate: string | null;
};

export type CivicServiceRecord = { current: CivicServiceContract | null; past: CivicServiceContract | null };

/** Maps the `data` of `GET /v3/gip_mds/service_civique/identite`; throws only without a `data` object. */
export function mapCivicService(body: unknown): CivicServiceRecord {
  const data = readDataBlock(body);
  return { current: mapContract(data.statut_actuel), past: mapContract(data.statut_passe) };
}

/** statut_actuel / statut_passe: contrat_trouve, organisme_accueil { siret, raison_sociale }, date_debut_contrat, date_fin_contrat. */
function mapContract(value: unknown): CivicServiceContract | null {
  const c = wire.object(value);
  if (!c) return null;
  const host = wire.object(c.organisme_accueil);
  const siret = wire.string(host?.siret);
  const name = wire.string(host?.raison_sociale);
  return {
    found: wire.boolean(c.contrat_trouve),
    hostOrganisation: siret === null && name === null ? null : { siret, name },
    startDate: parseWireDate(c.date_debut_contrat, 'YYYY-MM-DD'),
    endDate: parseWireDate(c.date_fin_contrat, 'YYYY-MM-DD'),
  };
}
