import { avisImposition } from './avis-imposition.js';
import { cnavBenefitRoutes } from './cnav-benefits.js';
import { cnousByIdentity, cnousByIne } from './cnous-etudiant-boursier.js';
import { franceTravailIndemnites, franceTravailStatut } from './france-travail.js';
import { menScolarites } from './men-scolarites.js';
import { mesriByIdentity, mesriByIne } from './mesri-statut-etudiant.js';
import { quotientFamilial } from './quotient-familial.js';
import type { Route } from './route.js';

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
  menScolarites,
];
