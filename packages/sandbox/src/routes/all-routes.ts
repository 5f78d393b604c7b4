import { antsExtraitImmatriculation } from './ants-extrait-immatriculation.js';
import { avisImposition } from './avis-imposition.js';
import { cnavBenefitRoutes } from './cnav-benefits.js';
import { cnousByIdentity, cnousByIne, cnousV4ByIdentity, cnousV4ByIne } from './cnous-etudiant-boursier.js';
import { dsnjServiceNational } from './dsnj-service-national.js';
import { franceTravailIndemnites, franceTravailStatut } from './france-travail.js';
import { gipMdsServiceCivique } from './gip-mds-service-civique.js';
import { menScolarites, menScolaritesV4 } from './men-scolarites.js';
import { mesriByIdentity, mesriByIne } from './mesri-statut-etudiant.js';
import { participationFamilialeEaje } from './participation-familiale-eaje.js';
import { quotientFamilial } from './quotient-familial.js';
import type { Route } from './route.js';
import { sdhStatutSportif } from './sdh-statut-sportif.js';

/** Every upstream route of the sandbox (docs/contract.md#sandbox-routes). */
export const allRoutes: readonly Route[] = [
  avisImposition,
  quotientFamilial,
  ...cnavBenefitRoutes,
  franceTravailStatut,
  franceTravailIndemnites,
  mesriByIdentity,
  mesriByIne,
  cnousByIdentity,
  cnousByIne,
  cnousV4ByIdentity,
  cnousV4ByIne,
  menScolarites,
  menScolaritesV4,
  dsnjServiceNational,
  gipMdsServiceCivique,
  sdhStatutSportif,
  participationFamilialeEaje,
  antsExtraitImmatriculation,
];
