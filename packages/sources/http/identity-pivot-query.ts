import type { IdentityPivot } from '@hub/core';
import type { UpstreamQuery } from './encode-query.js';

/**
 * The identity pivot as API Particulier v3 query parameters (`…/identite` routes). Only the pivot
 * is sent: the subject's other identifiers (numéro fiscal, INE…) never go to another provider.
 */
export function identityPivotQuery(pivot: IdentityPivot): UpstreamQuery {
  return {
    nomNaissance: pivot.nomNaissance,
    nomUsage: pivot.nomUsage,
    prenoms: pivot.prenoms,
    sexeEtatCivil: pivot.sexeEtatCivil,
    anneeDateNaissance: pivot.anneeDateNaissance,
    moisDateNaissance: pivot.moisDateNaissance,
    jourDateNaissance: pivot.jourDateNaissance,
    codeCogInseePaysNaissance: pivot.codeCogInseePaysNaissance,
    codeCogInseeCommuneNaissance: pivot.codeCogInseeCommuneNaissance,
  };
}
