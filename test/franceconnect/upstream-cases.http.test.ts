// Issue 13 "Must show", over real HTTP: every shared staging `france_connect` case and every shared
// `*_with_france_connect` case. The hub resolves the FranceConnect token, derives the identity
// pivot, calls the `/identite` route with it, and the sandbox answers that case's payload (the
// matching rule: packages/sandbox/src/staging/france-connect-identity-cases.ts); the graph carries
// the upstream values; scopes outside the token are null with their code and cost no upstream call.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { ALL_SCOPE_NAMES } from '@hub/policy';
import { idpFranceConnectToken, startFranceConnectWorld, stagingCases, type CallCount, type FranceConnectWorld } from './franceconnect-fixture.js';

const SHARED = fileURLToPath(new URL('../../../shared/upstream/siade_staging_data/payloads/', import.meta.url));
const VENDORED = fileURLToPath(new URL('../../packages/sandbox/fixtures/siade_staging_data/payloads/', import.meta.url));
/** The shared corpus when present (held-out rule: any case of it), else the vendored copy. */
const PAYLOADS = readdirSync(SHARED, { withFileTypes: true }).length > 0 ? SHARED : VENDORED;

/** Per folder: the route, the graph selection that reads it, the FranceConnect scopes that release it. */
type Target = { route: string; selection: string; path: string[]; scope: string; offered: boolean };
const TARGETS: Readonly<Record<string, Target>> = {
  api_particulier_v3_cnav_quotient_familial_with_france_connect: { route: '/v3/dss/quotient_familial/identite', selection: 'family { familyQuotient { value year } }', path: ['family'], scope: 'cnaf_quotient_familial', offered: true },
  api_particulier_v3_cnav_revenu_solidarite_active_with_france_connect: { route: '/v3/dss/revenu_solidarite_active/identite', selection: 'socialBenefits { activeSolidarityIncome { isBeneficiary rightsStartDate } }', path: ['socialBenefits'], scope: 'revenu_solidarite_active', offered: true },
  api_particulier_v3_cnav_prime_activite_with_france_connect: { route: '/v3/dss/prime_activite/identite', selection: 'socialBenefits { activityBonus { isBeneficiary rightsStartDate } }', path: ['socialBenefits'], scope: 'prime_activite', offered: true },
  api_particulier_v3_cnav_allocation_adulte_handicape_with_france_connect: { route: '/v3/dss/allocation_adulte_handicape/identite', selection: 'socialBenefits { disabledAdultAllowance { isBeneficiary rightsStartDate } }', path: ['socialBenefits'], scope: 'allocation_adulte_handicape', offered: true },
  api_particulier_v3_cnav_allocation_soutien_familial_with_france_connect: { route: '/v3/dss/allocation_soutien_familial/identite', selection: 'socialBenefits { familySupportAllowance { isBeneficiary rightsStartDate } }', path: ['socialBenefits'], scope: 'allocation_soutien_familial', offered: true },
  api_particulier_v3_cnav_complementaire_sante_solidaire_with_france_connect: { route: '/v3/dss/complementaire_sante_solidaire/identite', selection: 'socialBenefits { supplementaryHealthCoverage { isBeneficiary rightsStartDate } }', path: ['socialBenefits'], scope: 'complementaire_sante_solidaire', offered: true },
  // No FranceConnect scope for AEEH nor EAJE (the issue): never released in FranceConnect mode.
  api_particulier_v3_cnav_allocation_enfant_handicape_with_france_connect: { route: '/v3/dss/allocation_enfant_handicape/identite', selection: 'socialBenefits { disabledChildEducationAllowance { status } }', path: ['socialBenefits'], scope: 'allocation_enfant_handicape', offered: false },
  api_particulier_v3_cnav_participation_familiale_eaje_with_france_connect: { route: '/v3/dss/participation_familiale_eaje/identite', selection: 'childcare { feeParameters { annualResources } }', path: ['childcare'], scope: 'eaje_parametres_calcul_participation_familial', offered: false },
  api_particulier_v3_cnous_etudiant_boursier_with_france_connect: { route: '/v3/cnous/etudiant_boursier/identite', selection: 'scholarship { isScholarshipHolder }', path: ['scholarship'], scope: 'cnous_statut_boursier', offered: true },
  api_particulier_v4_cnous_etudiant_boursier_with_france_connect: { route: '/v4/cnous/etudiant_boursier/identite', selection: 'scholarship { isScholarshipHolder }', path: ['scholarship'], scope: 'cnous_statut_boursier', offered: true },
  api_particulier_v3_dsnj_service_national_with_france_connect: { route: '/v3/dsnj/service_national/identite', selection: 'nationalService { status }', path: ['nationalService'], scope: 'dsnj_statut_service_national', offered: true },
  api_particulier_v3_gip_mds_service_civique_with_france_connect: { route: '/v3/gip_mds/service_civique/identite', selection: 'civicService { current { found } past { found } }', path: ['civicService'], scope: 'gip_mds_service_civique_statut_actuel gip_mds_service_civique_statut_passe', offered: true },
  api_particulier_v3_mesri_statut_etudiant_with_france_connect: { route: '/v3/mesri/statut_etudiant/identite', selection: 'student { admissions { isRegistered } }', path: ['student'], scope: 'mesri_admissions mesri_admission_inscrit', offered: true },
};

type UpstreamCase = { folder: string; file: string; params: Record<string, unknown>; status: number; payload: unknown };

function upstreamCases(): UpstreamCase[] {
  const out: UpstreamCase[] = [];
  for (const folder of readdirSync(PAYLOADS).filter((f) => f.endsWith('_with_france_connect')).sort()) {
    if (folder.includes('_ants_')) continue; // by registration number, on the /france_connect route: ants-vehicle.http.test.ts
    for (const file of readdirSync(PAYLOADS + folder).sort()) {
      const staged = parse(readFileSync(`${PAYLOADS}${folder}/${file}`, 'utf8')) as { params?: Record<string, unknown>; status: number; payload: string };
      out.push({ folder, file, params: staged.params ?? {}, status: staged.status, payload: JSON.parse(staged.payload) });
    }
  }
  return out;
}

/** The case's identity typed at the sandbox IdP; what a case leaves out gets a neutral value (the rule ignores it). */
function identityOf(params: Record<string, unknown>): Record<string, string> {
  const first = params.prenoms ?? params.prenom ?? ['Jean'];
  const pad = (n: unknown, d: number) => String(n).padStart(d, '0');
  const identity: Record<string, string> = {
    nomNaissance: String(params.nomNaissance),
    prenoms: (Array.isArray(first) ? first : [first]).join(' '),
    sexeEtatCivil: String(params.sexeEtatCivil ?? 'M'),
    dateNaissance: `${params.anneeDateNaissance ?? 1990}-${pad(params.moisDateNaissance ?? 1, 2)}-${pad(params.jourDateNaissance ?? 1, 2)}`,
    codeCogInseePaysNaissance: String(params.codeCogInseePaysNaissance ?? params.codePaysLieuDeNaissance ?? '99100'),
    codeCogInseeCommuneNaissance: String(params.codeCogInseeCommuneNaissance ?? params.codeInseeLieuDeNaissance ?? '75056'),
  };
  // No nom d'usage: the corpus's FranceConnect tokens carry none (no `preferred_username`), while
  // some cases list one; the sandbox's rule ignores a parameter only one side has.
  return identity;
}

function leaves(value: unknown): unknown[] {
  if (value === null || typeof value !== 'object') return [value ?? null];
  return Object.values(value).flatMap(leaves);
}

function at(data: any, path: readonly string[]): unknown {
  return path.reduce((v, k) => (v == null ? v : v[k]), data);
}

let w: FranceConnectWorld;
beforeAll(async () => {
  w = await startFranceConnectWorld(ALL_SCOPE_NAMES);
});
afterAll(async () => w?.t.close());

/** Replays the pivot the hub sent at a route of the sandbox (with its token and a recipient). */
async function replay(route: string, params: CallCount['params']): Promise<{ status: number; body: unknown }> {
  const url = new URL(`${w.t.url}/sandbox${route}`);
  for (const [k, v] of Object.entries(params)) for (const value of Array.isArray(v) ? v : [v]) url.searchParams.append(k, value);
  url.searchParams.set('recipient', '21750001600019');
  const res = await fetch(url, { headers: { authorization: 'Bearer sandbox' } });
  return { status: res.status, body: await res.json() };
}

describe.each(upstreamCases())('$folder / $file', ({ folder, params, status, payload }) => {
  const target = TARGETS[folder];

  it('is answered for the pivot the hub derives from the FranceConnect token, and read into the graph', async () => {
    expect(target).toBeDefined();
    const t = target!;
    // The CNAF quotient familial route is read too: where the case's own route is not called in
    // FranceConnect mode (AEEH, EAJE: no FranceConnect scope; a CNOUS version the hub does not
    // read), its parameters are the pivot the hub derives.
    const token = await idpFranceConnectToken(w.t.url, { identity: identityOf(params) }, `openid identite_pivot cnaf_quotient_familial ${t.scope}`);
    await w.resetCalls();
    const { status: httpStatus, body } = await w.query(token, `family { familyQuotient { value } } ${t.selection}`);
    expect(httpStatus).toBe(200);
    const calls = await w.calls();
    const own = calls.find((c) => c.route === t.route);
    const pivot = (own ?? calls.find((c) => c.route === '/v3/dss/quotient_familial/identite'))!;
    expect(pivot).toBeDefined();
    expect(pivot.params['nomUsage']).toBeUndefined();

    // The sandbox answers this case's payload for exactly what the hub sends.
    expect(await replay(t.route, pivot.params)).toEqual({ status, body: payload });

    if (!t.offered) {
      expect(own).toBeUndefined();
      expect(at(body.data?.person, t.path)).toBeNull();
      expect(body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: ['person', ...t.path], extensions: expect.objectContaining({ code: 'CONSENT_SCOPE_MISSING' }) })]));
      return;
    }
    if (!own) return; // a CNOUS version the hub does not read: the replay above is the whole check
    expect(own.count).toBe(1);
    const value = at(body.data?.person, t.path);
    if (status === 200) {
      expect(value).not.toBeNull();
      expect((body.errors ?? []).filter((e: any) => e.path?.[1] === t.path[0])).toEqual([]);
    } else {
      // Not found upstream: nothing but nulls in the graph.
      expect(leaves(value).filter((v) => v !== null)).toEqual([]);
    }
  });
});

describe('values in the graph for the corpus tokens', () => {
  it('all_fc: Thomas Delatour (born 1994-04-16) gets the CNAF, DSNJ, GIP-MDS and MESRI cases for his identity', async () => {
    await w.resetCalls();
    const { body } = await w.query('all_fc', `family { familyQuotient { value year } }
      socialBenefits { activeSolidarityIncome { isBeneficiary } }
      nationalService { status }
      civicService { current { found } }
      student { admissions { isRegistered } }
      childcare { feeParameters { annualResources } }
      jobSeeker { registration { startDate } }`);
    const person = body.data.person;
    const qf = readCase('api_particulier_v3_cnav_quotient_familial_with_france_connect', 'fake_france_connect_cnaf_2.yml') as any;
    expect(person.family.familyQuotient).toEqual({ value: qf.data.quotient_familial.valeur, year: qf.data.quotient_familial.annee });
    const rsa = readCase('api_particulier_v3_cnav_revenu_solidarite_active_with_france_connect', 'fake_france_connect_cnaf_2.yml') as any;
    expect(person.socialBenefits.activeSolidarityIncome.isBeneficiary).toBe(rsa.data.est_beneficiaire);
    const civic = readCase('api_particulier_v3_gip_mds_service_civique_with_france_connect', 'fake_france_connect_all_fc.yaml') as any;
    expect(person.civicService.current.found).toBe(civic.data.statut_actuel.contrat_trouve);
    expect(person.nationalService).not.toBeNull();
    expect(person.student).not.toBeNull();
    // The token's eaje_* scopes release nothing (FranceConnect has no EAJE scope); it has no France Travail scope.
    expect(person.childcare).toBeNull();
    expect(person.jobSeeker).toBeNull();
    expect(body.errors).toEqual(expect.arrayContaining([
      expect.objectContaining({ path: ['person', 'childcare'], extensions: expect.objectContaining({ code: 'CONSENT_SCOPE_MISSING' }) }),
      expect.objectContaining({ path: ['person', 'jobSeeker'], extensions: expect.objectContaining({ code: 'CONSENT_SCOPE_MISSING' }) }),
    ]));
    const routes = (await w.calls()).map((c) => c.route);
    expect(routes.filter((r) => r.includes('participation_familiale_eaje') || r.includes('france_travail'))).toEqual([]);
  });

  describe.each(stagingCases().filter((c) => c.introspection.active !== false))('token $token', ({ token, introspection }) => {
    it('releases what its scopes allow, with the upstream answers for its identity; the rest null and not called', async () => {
      await w.resetCalls();
      const { status, body } = await w.query(token, `identity { birthName }
        family { familyQuotient { value } }
        socialBenefits { supplementaryHealthCoverage { isBeneficiary } }
        scholarship { isScholarshipHolder }
        civicService { current { found } }
        nationalService { status }`);
      expect(status).toBe(200);
      const scopes = String(introspection.scope).split(' ');
      const person = body.data.person;
      expect(person.identity.birthName).toBe(introspection.family_name);
      const expectations: [string, string, string][] = [
        ['family', 'cnaf_quotient_familial', '/v3/dss/quotient_familial/identite'],
        ['scholarship', 'cnous_statut_boursier', '/cnous/etudiant_boursier/'],
        ['civicService', 'gip_mds_service_civique_statut_actuel', '/v3/gip_mds/service_civique/identite'],
        ['nationalService', 'dsnj_statut_service_national', '/v3/dsnj/service_national/identite'],
      ];
      const routes = (await w.calls()).map((c) => c.route);
      for (const [field, scope, route] of expectations) {
        if (scopes.includes(scope)) {
          expect(routes.some((r) => r.includes(route))).toBe(true);
        } else {
          expect(person[field]).toBeNull();
          expect(body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: ['person', field], extensions: expect.objectContaining({ code: 'CONSENT_SCOPE_MISSING' }) })]));
          expect(routes.some((r) => r.includes(route))).toBe(false);
        }
      }
      if (scopes.includes('complementaire_sante_solidaire')) {
        const css = readCase('api_particulier_v3_cnav_complementaire_sante_solidaire_with_france_connect', introspection.family_name === 'CNAF' ? 'fake_france_connect_cnaf.yml' : 'fake_france_connect_cnaf_2.yml') as any;
        expect(person.socialBenefits.supplementaryHealthCoverage.isBeneficiary).toBe(css.data.est_beneficiaire);
      }
      if (token === 'service_civique') {
        const civic = readCase('api_particulier_v3_gip_mds_service_civique_with_france_connect', 'fake_france_connect_service_civique.yaml') as any;
        expect(person.civicService.current.found).toBe(civic.data.statut_actuel.contrat_trouve);
      }
      if (token === 'cnaf_qfv2') {
        const qf = readCase('api_particulier_v3_cnav_quotient_familial_with_france_connect', 'fake_france_connect_cnaf.yml') as any;
        expect(person.family.familyQuotient.value).toBe(qf.data.quotient_familial.valeur);
      }
    });
  });
});

function readCase(folder: string, file: string): unknown {
  const staged = parse(readFileSync(`${PAYLOADS}${folder}/${file}`, 'utf8')) as { payload: string };
  return JSON.parse(staged.payload);
}
