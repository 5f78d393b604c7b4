import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { expect } from '../support/expect.js';
import { personas } from '@hub/sandbox';
import {
  ADDRESS, ALL_SCOPES, IDENTITY, errorAt, expectErrorPaths, expectNotFound, persona, pivotParams, splitNames, startValuesHub, withAt,
  type GqlBody, type ValuesHub, type WireParams,
} from './values-fixture.js';

/*
 * CNAF/MSA quotient familial (GET /v3/dss/quotient_familial/identite, through CNAV) and MEN
 * (GET /v4/men/scolarites/identite): Person.family, its children's schooling, and
 * Person.schooling equal the sandbox's payloads for the same parameters.
 */

const QF_ROUTE = '/v3/dss/quotient_familial/identite';
const MEN_ROUTE = '/v4/men/scolarites/identite';
/** MEN's school year for the tests (the sandbox has records for 2024, 2025 and 2026). */
const SCHOOL_YEAR = '2025';

const FAMILY = `adults { ${IDENTITY} } children { identity { ${IDENTITY} } } address { ${ADDRESS} }
  familyQuotient { value year month computedYear computedMonth provider } provider`;
const SCHOOLING = `identity { ${IDENTITY} } isEnrolled pupilStatus { code label } schoolYear isScholarshipHolder
  scholarshipGrade school { uai name ministryCode } trainingModule { code label }`;

/** allocataires[] / enfants[] of the CNAV payload as an Identity (CNAF gives no birth place). */
function expectedIdentity(p: any) {
  return {
    birthName: p.nom_naissance,
    usageName: p.nom_usage,
    firstNames: splitNames(p.prenoms),
    sex: p.sexe,
    birthDate: p.date_naissance,
    birthPlaceCode: null,
    birthCountryCode: null,
  };
}

/** The GraphQL value the mapping documents for a quotient_familial `data`. */
function expectedFamily(data: any) {
  const a = data.adresse;
  const [, postalCode, city] = /^(\d{5}) (.+)$/.exec(a.code_postal_ville) ?? [];
  return {
    adults: data.allocataires.map(expectedIdentity),
    children: data.enfants.map((e: any) => ({ identity: expectedIdentity(e) })),
    address: {
      recipient: a.destinataire,
      // La Poste order, blank lines left out; the last line is split into postal code and city.
      lines: [a.complement_information, a.complement_information_geographique, a.numero_libelle_voie, a.lieu_dit].filter((l) => l !== null && l !== ''),
      postalCode,
      city,
      country: a.pays,
    },
    familyQuotient: {
      value: data.quotient_familial.valeur,
      year: data.quotient_familial.annee,
      month: data.quotient_familial.mois,
      computedYear: data.quotient_familial.annee_calcul,
      computedMonth: data.quotient_familial.mois_calcul,
      provider: data.quotient_familial.fournisseur,
    },
    provider: data.quotient_familial.fournisseur,
  };
}

/** The GraphQL value the mapping documents for a scolarites `data` (MEN gives one prénom). */
function expectedSchooling(data: any) {
  return {
    identity: {
      birthName: data.identite.nom,
      usageName: null,
      firstNames: [data.identite.prenom],
      sex: data.identite.sexe,
      birthDate: data.identite.date_naissance,
      birthPlaceCode: null,
      birthCountryCode: null,
    },
    isEnrolled: data.est_scolarise,
    pupilStatus: { code: data.statut_eleve.code, label: data.statut_eleve.libelle },
    schoolYear: data.annee_scolaire,
    isScholarshipHolder: data.est_boursier,
    scholarshipGrade: data.echelon_bourse,
    school: { uai: data.etablissement.code_uai, name: data.etablissement.nom, ministryCode: data.etablissement.code_ministere_tutelle },
    trainingModule: { code: data.module_elementaire_formation.code_mef_stat, label: data.module_elementaire_formation.libelle },
  };
}

/** MEN's pupil parameters from a CNAV `enfants[]` entry (what Child.schooling must send). */
function pupilParams(child: any): WireParams {
  const [year, month, day] = child.date_naissance.split('-').map(Number);
  return {
    nomNaissance: child.nom_naissance,
    prenoms: splitNames(child.prenoms)!.slice(0, 3),
    sexeEtatCivil: child.sexe,
    anneeDateNaissance: year,
    moisDateNaissance: month,
    jourDateNaissance: day,
  };
}

let h: ValuesHub;
beforeAll(async () => {
  h = await startValuesHub();
});
afterAll(async () => h?.close());

describe('CNAF/MSA quotient familial values equal the upstream payload', () => {
  it.each(personas.map((p) => p.id))('%s: every family field, or NOT_FOUND when CNAV knows no family', async (id) => {
    const upstream = await h.upstream(QF_ROUTE, pivotParams(persona(id)));
    const body = await h.person(await h.consent(id), `family { ${FAMILY} }`);
    if (upstream.status === 200) {
      expect(body.errors).toBeUndefined();
      expect(body.data.person.family).toEqual(expectedFamily(upstream.body.data));
    } else {
      expect(upstream.status).toBe(404);
      expect(body.data.person.family).toBeNull();
      expect(errorAt(body, ['person', 'family']).extensions).toMatchObject({ code: 'NOT_FOUND', provider: 'CNAV', upstreamCode: upstream.body.errors[0].code });
    }
  });

  it('covers CNAF and MSA families, with and without children, and an unknown citizen', async () => {
    const statuses = await Promise.all(
      ['julien-lambert', 'thierry-gauthier', 'bernard-vidal', 'gaspard-nullepart'].map(async (id) => {
        const r = await h.upstream(QF_ROUTE, pivotParams(persona(id)));
        return [r.status, r.body.data?.quotient_familial?.fournisseur, r.body.data?.enfants?.length];
      }),
    );
    expect(statuses).toEqual([[200, 'CNAF', 2], [200, 'MSA', 1], [200, 'CNAF', 0], [404, undefined, undefined]]);
  });

  it('family(year, month) asks that month (annee, mois) and returns its quotient', async () => {
    const upstream = await h.upstream(QF_ROUTE, { ...pivotParams(persona('thierry-gauthier')), annee: 2025, mois: 3 });
    expect(upstream.status).toBe(200);
    const body = await h.person(await h.consent('thierry-gauthier'), `family(year: 2025, month: 3) { ${FAMILY} }`);
    expect(body.errors).toBeUndefined();
    expect(body.data.person.family).toEqual(expectedFamily(upstream.body.data));
    expect(body.data.person.family.familyQuotient).toMatchObject({ year: 2025, month: 3, provider: 'MSA' });
  });

  it('Person.households lists the same family household', async () => {
    const upstream = await h.upstream(QF_ROUTE, pivotParams(persona('fatou-diallo')));
    const body = await h.person(await h.consent('fatou-diallo'), `households { __typename ... on FamilyHousehold { ${FAMILY} } }`);
    expect(body.errors).toBeUndefined();
    const families = body.data.person.households.filter((x: any) => x.__typename === 'FamilyHousehold');
    expect(families).toHaveLength(1);
    const { __typename, ...family } = families[0];
    expect(family).toEqual(expectedFamily(upstream.body.data));
  });
});

describe('family.children[].schooling comes from MEN', () => {
  // One alias per school level: the sandbox's families have children in primary and secondary school.
  const childrenSchooling = (departments: string[]) => `family { children {
    identity { ${IDENTITY} }
    primary: schooling(schoolYear: "${SCHOOL_YEAR}", level: PRIMARY, departmentCodes: ${JSON.stringify(departments)}) { ${SCHOOLING} }
    secondary: schooling(schoolYear: "${SCHOOL_YEAR}", level: SECONDARY, departmentCodes: ${JSON.stringify(departments)}) { ${SCHOOLING} }
  } }`;

  async function expectChildrenSchoolingFromMen(id: string, departments: string[], expectedEnrolled: number) {
    const family = await h.upstream(QF_ROUTE, pivotParams(persona(id)));
    expect(family.status).toBe(200);
    const body = await h.person(await h.consent(id), childrenSchooling(departments));
    const children = body.data.person.family.children;
    expect(children).toHaveLength(family.body.data.enfants.length);
    const expectedErrors: (string | number)[][] = [];
    let enrolled = 0;
    for (const [i, enfant] of family.body.data.enfants.entries()) {
      expect(children[i].identity).toEqual(expectedIdentity(enfant));
      for (const [alias, degre] of [['primary', '1D'], ['secondary', '2D']] as const) {
        const men = await h.upstream(MEN_ROUTE, { ...pupilParams(enfant), anneeScolaire: SCHOOL_YEAR, degreEtablissement: degre, codesBcnDepartements: departments });
        const path = ['person', 'family', 'children', i, alias];
        if (men.status === 200) {
          enrolled++;
          expect(children[i][alias], `${id} child ${i} ${alias}`).toEqual(expectedSchooling(men.body.data));
        } else {
          // Not in a school of that level: MEN answers 404, and that alias alone is null.
          expect(men.status).toBe(404);
          expectedErrors.push(...expectNotFound(body, path, 'MEN'));
        }
      }
    }
    expectErrorPaths(body, expectedErrors);
    expect(enrolled).toBe(expectedEnrolled);
  }

  it('the Lambert children (école and collège, département 069) equal MEN’s payload for each child', () =>
    expectChildrenSchoolingFromMen('sophie-lambert', ['069'], 2));

  it('the Diallo children (lycée, collège, école, département 093), with scholarship grades', () =>
    expectChildrenSchoolingFromMen('moussa-diallo', ['093'], 3));

  it('the Gauthier child (MSA family, lycée boursier échelon 3)', async () => {
    await expectChildrenSchoolingFromMen('thierry-gauthier', ['012'], 1);
    const body = await h.person(await h.consent('thierry-gauthier'), childrenSchooling(['012']));
    expect(body.data.person.family.children[0].secondary).toMatchObject({ isScholarshipHolder: true, scholarshipGrade: 3 });
  });

  it('Person.schooling, searched by school code with the consented identity, equals MEN’s payload', async () => {
    const lucas = {
      nomNaissance: 'GAUTHIER', prenoms: ['LUCAS'], sexeEtatCivil: 'M', anneeDateNaissance: 2010, moisDateNaissance: 6, jourDateNaissance: 18,
      codeCogInseePaysNaissance: '99100', codeCogInseeCommuneNaissance: '12202',
    };
    const { codeCogInseePaysNaissance: _country, codeCogInseeCommuneNaissance: _commune, ...pupil } = lucas;
    const men = await h.upstream(MEN_ROUTE, { ...pupil, anneeScolaire: SCHOOL_YEAR, codeEtablissement: '0120024L' });
    expect(men.status).toBe(200);
    // "2025-2026" names the same school year as "2025".
    const body = await h.person(await h.consent(lucas), `schooling(schoolYear: "2025-2026", schoolCode: "0120024L") { ${SCHOOLING} }`);
    expect(body.errors).toBeUndefined();
    expect(body.data.person.schooling).toEqual(expectedSchooling(men.body.data));
  });
});

describe('CNAF and MEN denials null one field only', () => {
  const SELECTION = `family { ${FAMILY} children {
    secondary: schooling(schoolYear: "${SCHOOL_YEAR}", level: SECONDARY, departmentCodes: ["069"]) { ${SCHOOLING} } } }`;

  async function lambertExpected() {
    const family = await h.upstream(QF_ROUTE, pivotParams(persona('sophie-lambert')));
    const emma = family.body.data.enfants.find((e: any) => e.prenoms === 'EMMA');
    const men = await h.upstream(MEN_ROUTE, { ...pupilParams(emma), anneeScolaire: SCHOOL_YEAR, degreEtablissement: '2D', codesBcnDepartements: ['069'] });
    expect(men.status).toBe(200);
    return { family: expectedFamily(family.body.data), emmaIndex: family.body.data.enfants.indexOf(emma), emma: expectedSchooling(men.body.data) };
  }

  /**
   * Hugo (école) is in no secondary school: his `secondary` is NOT_FOUND from MEN. `denied` is a
   * Schooling field the policy nulls (with its own error) before MEN is even asked.
   */
  function hugoNotFound(body: GqlBody, emmaIndex: number, denied?: string) {
    const hugo = ['person', 'family', 'children', 1 - emmaIndex, 'secondary'];
    const value = body.data.person.family.children[1 - emmaIndex].secondary;
    if (denied === undefined || value === null) return expectNotFound(body, hugo, 'MEN');
    const { [denied]: deniedValue, ...rest } = value;
    expect(deniedValue).toBeNull();
    const others = structuredClone(body);
    others.data.person.family.children[1 - emmaIndex].secondary = rest;
    return [[...hugo, denied], ...expectNotFound(others, hugo, 'MEN')];
  }

  it('a consent without cnaf_quotient_familial: familyQuotient alone null with CONSENT_SCOPE_MISSING', async () => {
    const { family, emmaIndex, emma } = await lambertExpected();
    const body = await h.person(await h.consent('sophie-lambert', ALL_SCOPES.filter((s) => s !== 'cnaf_quotient_familial')), SELECTION);
    const path = ['person', 'family', 'familyQuotient'];
    expectErrorPaths(body, [path, ...hugoNotFound(body, emmaIndex)]);
    expect(errorAt(body, path).extensions).toMatchObject({ code: 'CONSENT_SCOPE_MISSING', scope: 'cnaf_quotient_familial' });
    const got = body.data.person.family;
    expect({ ...got, children: got.children.map(({ identity }: any) => ({ identity })) }).toEqual(withAt(family, ['familyQuotient'], null));
    expect(got.children[emmaIndex].secondary).toEqual(emma);
  });

  it('a consent without men_echelon_bourse: the child’s scholarshipGrade alone null, the rest of MEN and CNAF intact', async () => {
    const { family, emmaIndex, emma } = await lambertExpected();
    const body = await h.person(await h.consent('sophie-lambert', ALL_SCOPES.filter((s) => s !== 'men_echelon_bourse')), SELECTION);
    const path = ['person', 'family', 'children', emmaIndex, 'secondary', 'scholarshipGrade'];
    expectErrorPaths(body, [path, ...hugoNotFound(body, emmaIndex, 'scholarshipGrade')]);
    expect(errorAt(body, path).extensions).toMatchObject({ code: 'CONSENT_SCOPE_MISSING', scope: 'men_echelon_bourse' });
    const got = body.data.person.family;
    expect({ ...got, children: got.children.map(({ identity }: any) => ({ identity })) }).toEqual(family);
    expect(got.children[emmaIndex].secondary).toEqual({ ...emma, scholarshipGrade: null });
  });

  it('a habilitation without cnaf_adresse: address alone null with FORBIDDEN_SCOPE', async () => {
    const { family, emmaIndex, emma } = await lambertExpected();
    const other = await h.operatorWithout('cnaf_adresse', 'sophie-lambert');
    const body = await h.person(other.consent, SELECTION, other.token);
    const path = ['person', 'family', 'address'];
    expectErrorPaths(body, [path, ...hugoNotFound(body, emmaIndex)]);
    expect(errorAt(body, path).extensions).toMatchObject({ code: 'FORBIDDEN_SCOPE', scope: 'cnaf_adresse' });
    const got = body.data.person.family;
    expect({ ...got, children: got.children.map(({ identity }: any) => ({ identity })) }).toEqual(withAt(family, ['address'], null));
    expect(got.children[emmaIndex].secondary).toEqual(emma);
  });
});
