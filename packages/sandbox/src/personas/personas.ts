import type { Citizen } from '../world/citizen.js';
import { WorldIndex } from '../world/world-index.js';
import { world } from '../world/world.js';
import type { Persona } from './persona.js';

/** The personas of the sandbox: the citizens offered in the IdP picker, with their identifiers. */
export const personas: Persona[] = buildPersonas(new WorldIndex(world));

function buildPersonas(index: WorldIndex): Persona[] {
  return world.citizens.filter((c) => c.persona !== undefined).map((c) => toPersona(c, index));
}

function toPersona(citizen: Citizen, index: WorldIndex): Persona {
  const [year, month, day] = citizen.dateNaissance.split('-').map(Number);
  const identity: Persona['identity'] = {
    nomNaissance: citizen.nomNaissance,
    prenoms: [...citizen.prenoms],
    sexeEtatCivil: citizen.sexe,
    anneeDateNaissance: year ?? 0,
    moisDateNaissance: month ?? 0,
    jourDateNaissance: day ?? 0,
    codeCogInseePaysNaissance: citizen.paysNaissance,
  };
  if (citizen.nomUsage !== undefined) identity.nomUsage = citizen.nomUsage;
  if (citizen.communeNaissance !== undefined) identity.codeCogInseeCommuneNaissance = citizen.communeNaissance.code;

  const identifiers: Persona['identifiers'] = {};
  const notice = index.taxHouseholdOf(citizen.id);
  if (citizen.numeroFiscal !== undefined && notice) {
    identifiers.numeroFiscal = citizen.numeroFiscal;
    identifiers.referenceAvis = notice.referenceAvis;
  }
  if (citizen.franceTravail) identifiers.identifiantFranceTravail = citizen.franceTravail.identifiant;
  const ine = citizen.student?.ine ?? citizen.scholarship?.ine;
  if (ine !== undefined) identifiers.ine = ine;
  if (citizen.athlete) identifiers.identifiantSportif = citizen.athlete.identifiant;

  return {
    id: citizen.id,
    label: citizen.persona?.label ?? citizen.id,
    description: citizen.persona?.description ?? '',
    identity,
    identifiers,
  };
}
