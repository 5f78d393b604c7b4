import type { Citizen, Family } from '../world/citizen.js';

/** A person as the CNAV lists allocataires and enfants. */
export function cnavPerson(citizen: Citizen) {
  return {
    nom_naissance: citizen.nomNaissance,
    nom_usage: citizen.nomUsage ?? null,
    prenoms: citizen.prenoms.join(' '),
    date_naissance: citizen.dateNaissance,
    sexe: citizen.sexe,
  };
}

/** A family's `adresse` as the CNAV gives it (La Poste format), addressed to its first allocataire. */
export function cnavFamilyAddress(family: Family, first: Citizen) {
  return {
    destinataire: `${first.sexe === 'F' ? 'Madame' : 'Monsieur'} ${first.nomUsage ?? first.nomNaissance} ${first.prenoms[0] ?? ''}`.trim(),
    complement_information: family.adresse.complement ?? null,
    complement_information_geographique: null,
    numero_libelle_voie: family.adresse.numeroLibelleVoie,
    lieu_dit: null,
    code_postal_ville: family.adresse.codePostalVille,
    pays: 'FRANCE',
  };
}
