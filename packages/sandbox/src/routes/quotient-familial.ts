import { malformedCivility, notFound, v3ErrorForStatus, v3Providers } from '../wire/v3-errors.js';
import { cnavFamilyAddress, cnavPerson } from './cnav-person.js';
import { cnavIdentityRules, isAnswer, parseIdentity } from './identity-params.js';
import { integer } from './query-values.js';
import { v3Data, type Route } from './route.js';

/**
 * CNAV `GET /v3/dss/quotient_familial/identite`: the family's quotient familial (CNAF or MSA)
 * for `annee`/`mois` (default: the current month), with allocataires and enfants.
 */
export const quotientFamilial: Route = {
  path: '/v3/dss/quotient_familial/identite',
  dialect: 'v3',
  errorForStatus: (status) => v3ErrorForStatus(v3Providers.cnav, status),
  answer(params, { index, now }) {
    const identity = parseIdentity(params, cnavIdentityRules);
    if (isAnswer(identity)) return identity;
    const annee = integer(params, 'annee');
    const mois = integer(params, 'mois');
    if (annee === null || mois === null || (mois !== undefined && (mois < 1 || mois > 12))) return malformedCivility();

    const citizen = index.findByIdentity(identity, (c) => index.familyOf(c.id) !== undefined);
    const family = citizen && index.familyOf(citizen.id);
    if (!citizen || !family) return notFound(v3Providers.cnav);

    const year = annee ?? now.getUTCFullYear();
    const month = mois ?? now.getUTCMonth() + 1;
    const first = index.citizen(family.allocataires[0] ?? citizen.id);
    return v3Data({
      allocataires: family.allocataires.map((id) => cnavPerson(index.citizen(id))),
      enfants: family.enfants.map((id) => cnavPerson(index.citizen(id))),
      adresse: cnavFamilyAddress(family, first),
      quotient_familial: {
        fournisseur: family.provider,
        valeur: family.quotientFamilial,
        annee: year,
        mois: month,
        annee_calcul: year,
        mois_calcul: month,
      },
    });
  },
};
