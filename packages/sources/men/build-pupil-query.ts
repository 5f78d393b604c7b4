import { HubError, type IdentityPivot } from '@hub/core';
import type { IdentityObject } from '../http/index.js';

/** The pupil part of a MEN query, in the upstream's parameter names. */
export type PupilQuery = {
  nomNaissance: string;
  prenoms: string[];
  sexeEtatCivil: 'F' | 'M';
  anneeDateNaissance: number;
  moisDateNaissance: number;
  jourDateNaissance: number;
};

/**
 * From a `Child.identity` (as mapped by the CNAF source). MEN requires name, first names (three
 * at most), sex and the full birth date; a child identity lacking one of them cannot be searched.
 */
export function pupilQueryFromIdentity(identity: Pick<IdentityObject, 'birthName' | 'firstNames' | 'sex' | 'birthDate'> | null | undefined): PupilQuery {
  const birth = /^(\d{4})-(\d{2})-(\d{2})$/.exec(identity?.birthDate ?? '');
  const firstNames = identity?.firstNames?.filter((name) => name.trim() !== '') ?? [];
  if (!identity?.birthName || firstNames.length === 0 || !identity.sex || !birth) {
    throw missingIdentity('the child identity lacks its birth name, first name, sex or birth date');
  }
  return {
    nomNaissance: identity.birthName,
    prenoms: firstNames.slice(0, 3),
    sexeEtatCivil: identity.sex,
    anneeDateNaissance: Number(birth[1]),
    moisDateNaissance: Number(birth[2]),
    jourDateNaissance: Number(birth[3]),
  };
}

/** From the consented identity pivot (for `Person.schooling`). */
export function pupilQueryFromPivot(pivot: IdentityPivot): PupilQuery {
  if (pivot.moisDateNaissance === undefined || pivot.jourDateNaissance === undefined || pivot.prenoms.length === 0) {
    throw missingIdentity('the consent carries no full birth date or no first name');
  }
  return {
    nomNaissance: pivot.nomNaissance,
    prenoms: pivot.prenoms.slice(0, 3),
    sexeEtatCivil: pivot.sexeEtatCivil,
    anneeDateNaissance: pivot.anneeDateNaissance,
    moisDateNaissance: pivot.moisDateNaissance,
    jourDateNaissance: pivot.jourDateNaissance,
  };
}

function missingIdentity(why: string): HubError {
  return new HubError('NOT_FOUND', `MEN cannot be searched: ${why}.`, { provider: 'MEN', reason: 'missing_identifier' });
}
