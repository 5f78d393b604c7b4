import type { Citizen } from '../world/citizen.js';
import { dgfipError, dgfipErrorForStatus } from '../wire/dgfip-errors.js';
import { single } from './query-values.js';
import type { Route } from './route.js';

/**
 * DGFIP v2 `GET /api/v2/avis-imposition?numeroFiscal=&referenceAvis=` (docs/contract.md#upstreams): a flat
 * body, dates as DD/MM/YYYY, empty strings for a missing second declarant.
 */
export const avisImposition: Route = {
  path: '/api/v2/avis-imposition',
  dialect: 'dgfip',
  errorForStatus: dgfipErrorForStatus,
  answer(params, { index }) {
    const numeroFiscal = single(params, 'numeroFiscal');
    const referenceAvis = single(params, 'referenceAvis');
    if (numeroFiscal === undefined || !/^[0-9A-Za-z]{13}$/.test(numeroFiscal)) {
      return dgfipError(400, 'bad_request', 'Le numéro fiscal doit contenir 13 caractères alphanumériques');
    }
    // 13 characters, or 14 for a "dégrèvement" notice.
    if (referenceAvis === undefined || !/^[0-9A-Za-z]{13,14}$/.test(referenceAvis)) {
      return dgfipError(400, 'bad_request', "La référence d'avis doit contenir 13 ou 14 caractères alphanumériques");
    }
    const notice = index.taxNotice(numeroFiscal, referenceAvis);
    if (!notice) return dgfipErrorForStatus(404);
    const [first, second] = notice.declarants.map((id) => index.citizen(id));
    return {
      status: 200,
      body: {
        declarant1: declarant(first),
        declarant2: declarant(second),
        foyerFiscal: { adresse: notice.adresse, annee: notice.anneeImpots },
        dateRecouvrement: notice.dateRecouvrement,
        dateEtablissement: notice.dateEtablissement,
        nombreParts: notice.nombreParts,
        situationFamille: notice.situationFamille,
        nombrePersonnesCharge: notice.dependents.length,
        revenuBrutGlobal: notice.revenuBrutGlobal,
        revenuImposable: notice.revenuImposable,
        impotRevenuNetAvantCorrections: notice.impotRevenuNetAvantCorrections,
        montantImpot: notice.montantImpot,
        revenuFiscalReference: notice.revenuFiscalReference,
        anneeImpots: String(notice.anneeImpots),
        anneeRevenus: String(notice.anneeImpots - 1),
        erreurCorrectif: notice.erreurCorrectif ?? '',
        situationPartielle: notice.situationPartielle ?? '',
      },
    };
  },
};

function declarant(citizen: Citizen | undefined) {
  if (!citizen) return { nom: '', nomNaissance: '', prenoms: '', dateNaissance: '' };
  const [year, month, day] = citizen.dateNaissance.split('-');
  return {
    nom: citizen.nomUsage ?? citizen.nomNaissance,
    nomNaissance: citizen.nomNaissance,
    prenoms: citizen.prenoms.join(' '),
    dateNaissance: `${day}/${month}/${year}`,
  };
}
