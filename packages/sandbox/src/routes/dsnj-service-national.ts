import { notFound, v3ErrorForStatus, v3Providers } from '../wire/v3-errors.js';
import { isAnswer, parseIdentity, type IdentityRules } from './identity-params.js';
import { v3Data, type Route } from './route.js';

/** The OpenAPI: full birth date, sex and birth country required; the commune optional. */
const dsnjIdentityRules: IdentityRules = { fullBirthDate: true, sexRequired: true, birthPlaceRequired: false };

/**
 * DSNJ `GET /v3/dsnj/service_national/identite`: the person's standing with the service national
 * obligations. People born before 1979 were never concerned (the JDC replaced the service in
 * 1998 for those born from 1979); anyone else must be on the DSNJ's files.
 */
export const dsnjServiceNational: Route = {
  path: '/v3/dsnj/service_national/identite',
  dialect: 'v3',
  errorForStatus: (status) => v3ErrorForStatus(v3Providers.dsnj, status),
  answer(params, { index }) {
    const identity = parseIdentity(params, dsnjIdentityRules);
    if (isAnswer(identity)) return identity;
    const citizen = index.findByIdentity(identity, () => true);
    if (!citizen) return notFound(v3Providers.dsnj);
    const record = citizen.nationalService ??
      (citizen.dateNaissance < '1979-01-01'
        ? { statut: 'non_concerne' as const, commentaires: 'Personne née avant 1979, non concernée par les obligations de service national' }
        : undefined);
    if (!record) return notFound(v3Providers.dsnj);
    return v3Data({ statut_service_national: record.statut, commentaires: record.commentaires });
  },
};
