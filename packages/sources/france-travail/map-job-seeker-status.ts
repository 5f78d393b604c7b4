import { parseWireDate, readDataBlock, wire, type IdentityObject } from '../http/index.js';

/** `JobSeekerStatus` of schema/france-travail.graphql, minus `payments` (another route). */
export type JobSeekerStatusRecord = {
  identifier: string | null;
  identity: IdentityObject | null;
  civility: string | null;
  contact: { email: string | null; phone: string | null; secondaryPhone: string | null } | null;
  address: {
    recipient: string | null;
    recipientComplement: string | null;
    addressComplement: string | null;
    street: string | null;
    distributionComplement: string | null;
    postalCode: string | null;
    locality: string | null;
    communeCode: string | null;
  } | null;
  registration: {
    startDate: string | null;
    endDate: string | null;
    category: { code: number | null; label: string | null } | null;
    cnavCertificationCode: string | null;
  } | null;
};

/**
 * Maps a body of /v3/france_travail/statut/identifiant (OpenAPI api_particulier_v3.yaml). Every
 * block may be missing (→ null) and every leaf may be odd (→ null for that leaf only).
 */
export function mapJobSeekerStatus(body: unknown): JobSeekerStatusRecord {
  const data = readDataBlock(body);
  const identite = wire.object(data.identite);
  const contact = wire.object(data.contact);
  const adresse = wire.object(data.adresse);
  const inscription = wire.object(data.inscription);
  const categorie = wire.object(inscription?.categorie);
  const prenom = wire.string(identite?.prenom);
  return {
    identifier: wire.string(data.identifiant),
    identity: identite && {
      birthName: wire.string(identite.nom_naissance),
      usageName: wire.string(identite.nom_usage),
      // France Travail gives a single first name (`prenom`, cut at 13 characters).
      firstNames: prenom === null ? null : [prenom],
      sex: readSex(identite.sexe),
      birthDate: parseWireDate(identite.date_naissance, 'YYYY-MM-DD'),
      // Neither birth place nor birth country in this route.
      birthPlaceCode: null,
      birthCountryCode: null,
    },
    civility: wire.string(identite?.civilite),
    contact: contact && {
      email: wire.string(contact.email),
      phone: wire.string(contact.telephone),
      secondaryPhone: wire.string(contact.telephone2),
    },
    address: adresse && {
      recipient: wire.string(adresse.ligne_nom),
      recipientComplement: wire.string(adresse.ligne_complement_destinataire),
      addressComplement: wire.string(adresse.ligne_complement_adresse),
      street: wire.string(adresse.ligne_voie),
      distributionComplement: wire.string(adresse.ligne_complement_distribution),
      postalCode: wire.string(adresse.code_postal),
      locality: wire.string(adresse.localite),
      communeCode: wire.string(adresse.code_cog_insee_commune),
    },
    registration: inscription && {
      startDate: parseWireDate(inscription.date_debut, 'YYYY-MM-DD'),
      endDate: parseWireDate(inscription.date_fin, 'YYYY-MM-DD'),
      category: categorie && { code: wire.int(categorie.code), label: wire.string(categorie.libelle) },
      cnavCertificationCode: wire.string(inscription.code_certification_cnav),
    },
  };
}

/**
 * `identite.sexe` is spelled out ("Masculin", "Féminin") where other sources send M/F. The
 * civility ("M.", "MME") is deliberately not used as a fallback: it is not the civil-status sex.
 */
function readSex(value: unknown): 'F' | 'M' | null {
  const text = wire.string(value);
  if (text === null) return null;
  const normalised = text.trim().toUpperCase().normalize('NFD').replace(/\p{Diacritic}/gu, '');
  if (normalised === 'M' || normalised === 'MASCULIN') return 'M';
  if (normalised === 'F' || normalised === 'FEMININ') return 'F';
  return null;
}
