// The shared source contract (contract/run-source-contract.ts) for GIP-MDS, on every staging case
// of /v3/gip_mds/service_civique/identite (404 31003 nobody matched, 422 00391 several, 502 31999).
import { payload, runSourceContract, subjectFromParams } from '../contract/run-source-contract.js';
import { gipMdsRecipe } from './gip-mds-recipe.js';

const { str, date, bool, obj } = payload;
const CONTRACT = 'found hostOrganisation { siret name } startDate endDate';

/** statut_actuel / statut_passe; with no contract the upstream sends a block of nulls (no host). */
function contract(v: unknown) {
  const c = obj(v);
  if (!c) return null;
  const host = obj(c.organisme_accueil);
  const siret = str(host?.siret);
  const name = str(host?.raison_sociale);
  return { found: bool(c.contrat_trouve), hostOrganisation: siret === null && name === null ? null : { siret, name }, startDate: date(c.date_debut_contrat), endDate: date(c.date_fin_contrat) };
}

runSourceContract({
  recipe: gipMdsRecipe,
  routes: {
    identite: {
      folders: ['api_particulier_v3_gip_mds_service_civique_with_civility'],
      subject: (params) => subjectFromParams(params),
      query: () => `civicService { current { ${CONTRACT} } past { ${CONTRACT} } }`,
      pick: (data) => (data.person as Record<string, unknown> | null)?.civicService,
      expected: (data) => ({ current: contract(data.statut_actuel), past: contract(data.statut_passe) }),
    },
  },
});
