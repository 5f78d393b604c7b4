import type { Citizen, Family, TaxHousehold, World } from './citizen.js';
import type { IdentityQuery } from './identity-query.js';
import { normalizeName } from './normalize-name.js';

/** Look-ups over the world, as each administration would search its own files. */
export class WorldIndex {
  readonly #byId = new Map<string, Citizen>();

  constructor(readonly world: World) {
    for (const citizen of world.citizens) this.#byId.set(citizen.id, citizen);
  }

  citizen(id: string): Citizen {
    const citizen = this.#byId.get(id);
    if (!citizen) throw new Error(`sandbox world: unknown citizen ${id}`);
    return citizen;
  }

  /** DGFIP: the notice is found by any declarant's numéro fiscal plus the référence d'avis. */
  taxNotice(numeroFiscal: string, referenceAvis: string): TaxHousehold | undefined {
    return this.world.taxHouseholds.find(
      (h) =>
        h.referenceAvis.toUpperCase() === referenceAvis.toUpperCase() &&
        h.declarants.some((id) => this.citizen(id).numeroFiscal === numeroFiscal),
    );
  }

  taxHouseholdOf(citizenId: string): TaxHousehold | undefined {
    return this.world.taxHouseholds.find((h) => (h.declarants as string[]).includes(citizenId));
  }

  /** CNAF/MSA: the family where the citizen is an allocataire. */
  familyOf(citizenId: string): Family | undefined {
    return this.world.families.find((f) => f.allocataires.includes(citizenId));
  }

  /** Whether the CNAV (RNCPS) knows the person at all: an allocataire or a benefit record. */
  knownToCnav(citizen: Citizen): boolean {
    return citizen.benefits !== undefined || this.familyOf(citizen.id) !== undefined;
  }

  byFranceTravailId(identifiant: string): Citizen | undefined {
    return this.world.citizens.find((c) => c.franceTravail?.identifiant === identifiant);
  }

  byStudentIne(ine: string): Citizen | undefined {
    return this.world.citizens.find((c) => c.student?.ine.toUpperCase() === ine.toUpperCase());
  }

  /** Sport Data Hub: the athlete's file by its identifiant. */
  byAthleteId(identifiant: string): Citizen | undefined {
    return this.world.citizens.find((c) => c.athlete?.identifiant === identifiant.trim());
  }

  /** ANTS: the citizens a registration file names (titulaire first), by registration number. */
  vehicleHolders(immatriculation: string): Citizen[] {
    const wanted = immatriculation.trim().toUpperCase();
    return this.world.citizens
      .filter((c) => c.vehicles?.some((v) => v.immatriculation === wanted))
      .sort((a, b) => Number(holderRank(a, wanted)) - Number(holderRank(b, wanted)));
  }

  byScholarshipIne(ine: string): Citizen | undefined {
    return this.world.citizens.find((c) => c.scholarship?.ine.toUpperCase() === ine.toUpperCase());
  }

  /**
   * Identity matching. Returns the one citizen the query designates among `candidates`, or
   * undefined when none or several match: providers never guess between homonyms. A birth year
   * is needed to match at all (the staging cases without one answer "not found").
   */
  findByIdentity(query: IdentityQuery, candidates: (c: Citizen) => boolean): Citizen | undefined {
    if (query.annee === undefined) return undefined;
    const matches = this.world.citizens.filter((c) => candidates(c) && identityMatches(c, query));
    return matches.length === 1 ? matches[0] : undefined;
  }
}

function identityMatches(citizen: Citizen, query: IdentityQuery): boolean {
  if (normalizeName(citizen.nomNaissance) !== normalizeName(query.nomNaissance)) return false;
  if (query.nomUsage !== undefined && citizen.nomUsage !== undefined &&
      normalizeName(citizen.nomUsage) !== normalizeName(query.nomUsage)) return false;
  // Given names: the ones sent must be the citizen's first ones, in order.
  const given = citizen.prenoms.map(normalizeName);
  if (query.prenoms.length > given.length) return false;
  if (!query.prenoms.every((p, i) => normalizeName(p) === given[i])) return false;
  if (query.sexe !== undefined && query.sexe !== citizen.sexe) return false;
  const [year, month, day] = citizen.dateNaissance.split('-').map(Number);
  if (query.annee !== year) return false;
  if (query.mois !== undefined && query.mois !== month) return false;
  if (query.mois !== undefined && query.jour !== undefined && query.jour !== day) return false;
  if (query.paysNaissance !== undefined && query.paysNaissance !== citizen.paysNaissance) return false;
  if (citizen.paysNaissance === '99100') {
    if (query.communeNaissance !== undefined && query.communeNaissance !== citizen.communeNaissance?.code) return false;
    if (query.nomCommuneNaissance !== undefined &&
        normalizeName(query.nomCommuneNaissance) !== normalizeName(citizen.communeNaissance?.nom ?? '')) return false;
  }
  return true;
}

function holderRank(citizen: Citizen, immatriculation: string): boolean {
  return citizen.vehicles?.find((v) => v.immatriculation === immatriculation)?.statut !== 'titulaire';
}
