import type { Citizen } from '../world/citizen.js';
import { notFound, v3ErrorForStatus, v3Providers } from '../wire/v3-errors.js';
import { cnavFamilyAddress, cnavPerson } from './cnav-person.js';
import { cnavIdentityRules, isAnswer, parseIdentity } from './identity-params.js';
import { v3Data, type Route } from './route.js';

/**
 * CNAV `GET /v3/dss/participation_familiale_eaje/identite`: what a crèche needs for the family's
 * fee (CNAF families only: the MSA is not behind this route). The resource base is the tax
 * household's revenu fiscal de référence (the one the CNAF receives from the DGFIP, year N-2);
 * children with the AEEH are those the CNAV lists as ouvrant droit.
 */
export const participationFamilialeEaje: Route = {
  path: '/v3/dss/participation_familiale_eaje/identite',
  dialect: 'v3',
  errorForStatus: (status) => v3ErrorForStatus(v3Providers.cnav, status),
  answer(params, { index, now }) {
    const identity = parseIdentity(params, cnavIdentityRules);
    if (isAnswer(identity)) return identity;
    const citizen = index.findByIdentity(identity, (c) => index.familyOf(c.id)?.provider === 'CNAF');
    const family = citizen && index.familyOf(citizen.id);
    if (!citizen || !family || family.provider !== 'CNAF') return notFound(v3Providers.cnav);

    const person = (c: Citizen) => ({ ...cnavPerson(c), code_cog_insee_commune_naissance: c.communeNaissance?.code ?? null });
    const first = index.citizen(family.allocataires[0] ?? citizen.id);
    const children = family.enfants.map((id) => index.citizen(id));
    const notice = index.taxHouseholdOf(first.id);
    return v3Data({
      allocataires: family.allocataires.map((id) => person(index.citizen(id))),
      enfants: children.map(person),
      adresse: cnavFamilyAddress(family, first),
      parametres_calcul_participation_familiale: {
        nombre_enfants_a_charge: children.length,
        nombre_enfants_beneficiaire_aeeh: children.filter((c) => c.benefits?.aeeh?.status === 'ouvrant_droit').length,
        base_ressources_annuelles: {
          valeur: notice?.revenuFiscalReference ?? family.quotientFamilial * 12,
          annee_calcul: now.getUTCFullYear() - 2,
        },
      },
    });
  },
};
