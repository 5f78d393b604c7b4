import type { Citizen } from '../world/citizen.js';

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
