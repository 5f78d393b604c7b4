import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { expect } from '../support/expect.js';
import { personas } from '@hub/sandbox';
import {
  ALL_SCOPES, IDENTITY, errorAt, expectErrorPaths, expectNotFound, persona, startValuesHub, withAt, type ValuesHub, type WireParams,
} from './values-fixture.js';

/*
 * MESRI (GET /v3/mesri/statut_etudiant/{ine,identite}) and CNOUS (GET
 * /v4/cnous/etudiant_boursier/{ine,identite}): every field of Person.student and
 * Person.scholarship equals the sandbox's payload, asked by INE when the consent carries one and
 * by identity otherwise.
 */

const MESRI = { ine: '/v3/mesri/statut_etudiant/ine', identite: '/v3/mesri/statut_etudiant/identite' };
const CNOUS = { ine: '/v4/cnous/etudiant_boursier/ine', identite: '/v4/cnous/etudiant_boursier/identite' };

const STUDENT = `student { identity { ${IDENTITY} } admissions {
  startDate endDate isRegistered trainingRegime { code label } communeCode institution { uai name } } }`;
const SCHOLARSHIP = `scholarship { isScholarshipHolder isStruckOff struckOffDate grade { grade regionalProvisional } email
  paymentPeriod { startDate durationMonths } studyPlace { city institutionName } identity { ${IDENTITY} } birthPlaceName }`;

/** YYYY-MM-DD when it is a real calendar date, else null (the documented reading of `2021-06-31`). */
function calendarDate(value: string): string | null {
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value ? value : null;
}

function expectedStudent(data: any) {
  return {
    // MESRI gives one first name, no sex, no birth place.
    identity: {
      birthName: data.identite.nom_naissance, usageName: null, firstNames: [data.identite.prenom], sex: null,
      birthDate: calendarDate(data.identite.date_naissance), birthPlaceCode: null, birthCountryCode: null,
    },
    admissions: data.admissions.map((a: any) => ({
      startDate: calendarDate(a.date_debut),
      endDate: calendarDate(a.date_fin),
      isRegistered: a.est_inscrit,
      trainingRegime: { code: a.regime_formation.code, label: a.regime_formation.libelle },
      communeCode: a.code_cog_insee_commune,
      institution: { uai: a.etablissement_etudes.uai, name: a.etablissement_etudes.nom },
    })),
  };
}

function expectedScholarship(data: any) {
  return {
    isScholarshipHolder: data.statut_boursier.est_boursier,
    isStruckOff: data.statut_boursier.est_radie,
    struckOffDate: data.statut_boursier.date_radiation,
    grade: { grade: data.echelon_bourse.echelon, regionalProvisional: data.echelon_bourse.echelon_bourse_regionale_provisoire },
    email: data.email,
    paymentPeriod: { startDate: data.periode_versement_bourse.date_rentree, durationMonths: data.periode_versement_bourse.duree },
    studyPlace: { city: data.etablissement_etudes.nom_commune, institutionName: data.etablissement_etudes.nom_etablissement },
    // CNOUS gives the birth commune's name, not its code.
    identity: {
      birthName: data.identite.nom, usageName: null, firstNames: data.identite.prenoms, sex: data.identite.sexe,
      birthDate: data.identite.date_naissance, birthPlaceCode: null, birthCountryCode: null,
    },
    birthPlaceName: data.identite.nom_commune_naissance,
  };
}

/** A persona's identity pivot without its identifiers: the consent carries no INE. */
function identityOnly(id: string) {
  return persona(id).identity;
}

/** The identite routes' parameters (full birth date; birth commune only for people born in France). */
function identiteParams(id: string, maxFirstNames: number): WireParams {
  const i = persona(id).identity;
  return {
    nomNaissance: i.nomNaissance,
    prenoms: i.prenoms.slice(0, maxFirstNames),
    sexeEtatCivil: i.sexeEtatCivil,
    anneeDateNaissance: i.anneeDateNaissance,
    moisDateNaissance: i.moisDateNaissance,
    jourDateNaissance: i.jourDateNaissance,
    codeCogInseeCommuneNaissance: i.codeCogInseePaysNaissance === '99100' ? i.codeCogInseeCommuneNaissance : undefined,
  };
}

let h: ValuesHub;
beforeAll(async () => {
  h = await startValuesHub();
});
afterAll(async () => h?.close());

const students = personas.filter((p) => p.identifiers.ine);

describe('MESRI and CNOUS values equal the upstream payloads', () => {
  it('covers the students with an INE: two scholarship holders and one MESRI-only student', () => {
    expect(students.map((p) => p.id).sort()).toEqual(['ines-guerin', 'karim-haddad', 'lea-mercier']);
  });

  it.each(students.map((p) => p.id))('%s by INE: every student and scholarship field, or NOT_FOUND', async (id) => {
    const ine = persona(id).identifiers.ine;
    const [mesri, cnous] = await Promise.all([h.upstream(MESRI.ine, { ine }), h.upstream(CNOUS.ine, { ine })]);
    expect(mesri.status).toBe(200);
    const body = await h.person(await h.consent(id), `${STUDENT} ${SCHOLARSHIP}`);
    expect(body.data.person.student).toEqual(expectedStudent(mesri.body.data));
    if (cnous.status === 200) {
      expect(body.data.person.scholarship).toEqual(expectedScholarship(cnous.body.data));
      expect(body.errors).toBeUndefined();
    } else {
      expect(cnous.status).toBe(404);
      expectErrorPaths(body, expectNotFound(body, ['person', 'scholarship'], 'CNOUS'));
    }
  });

  it('by identity, when the consent carries no INE: the identite routes answer the same values', async () => {
    const [mesri, cnous] = await Promise.all([
      // MESRI's identite route takes one first name; CNOUS's up to three.
      h.upstream(MESRI.identite, identiteParams('lea-mercier', 1)),
      h.upstream(CNOUS.identite, identiteParams('lea-mercier', 3)),
    ]);
    expect([mesri.status, cnous.status]).toEqual([200, 200]);
    const body = await h.person(await h.consent(identityOnly('lea-mercier')), `${STUDENT} ${SCHOLARSHIP}`);
    expect(body.errors).toBeUndefined();
    expect(body.data.person.student).toEqual(expectedStudent(mesri.body.data));
    expect(body.data.person.scholarship).toEqual(expectedScholarship(cnous.body.data));
  });

  it('the impossible date 2021-06-31 nulls that endDate alone; the rest is present', async () => {
    const mesri = await h.upstream(MESRI.ine, { ine: persona('karim-haddad').identifiers.ine });
    const odd = mesri.body.data.admissions.findIndex((a: any) => a.date_fin === '2021-06-31');
    expect(odd).toBeGreaterThanOrEqual(0);
    const body = await h.person(await h.consent('karim-haddad'), STUDENT);
    expect(body.errors).toBeUndefined();
    const admission = body.data.person.student.admissions[odd];
    expect(admission.endDate).toBeNull();
    expect(admission).toEqual({ ...expectedStudent(mesri.body.data).admissions[odd], endDate: null });
    expect(admission.startDate).toBe(mesri.body.data.admissions[odd].date_debut);
    // The other admission keeps its own end date.
    expect(body.data.person.student.admissions[1 - odd].endDate).toBe(mesri.body.data.admissions[1 - odd].date_fin);
  });
});

describe('MESRI and CNOUS denials null one field only', () => {
  async function leaExpected() {
    const ine = persona('lea-mercier').identifiers.ine;
    const [mesri, cnous] = await Promise.all([h.upstream(MESRI.ine, { ine }), h.upstream(CNOUS.ine, { ine })]);
    return { student: expectedStudent(mesri.body.data), scholarship: expectedScholarship(cnous.body.data) };
  }

  it('a consent without mesri_admission_etablissement_etudes: each admission’s institution alone null', async () => {
    const expected = await leaExpected();
    const body = await h.person(await h.consent('lea-mercier', ALL_SCOPES.filter((s) => s !== 'mesri_admission_etablissement_etudes')), `${STUDENT} ${SCHOLARSHIP}`);
    const paths = expected.student.admissions.map((_: unknown, i: number) => ['person', 'student', 'admissions', i, 'institution']);
    expect(paths.length).toBeGreaterThan(0);
    expectErrorPaths(body, paths);
    for (const path of paths) expect(errorAt(body, path).extensions).toMatchObject({ code: 'CONSENT_SCOPE_MISSING', scope: 'mesri_admission_etablissement_etudes' });
    expect(body.data.person).toEqual({
      student: { ...expected.student, admissions: expected.student.admissions.map((a: any) => ({ ...a, institution: null })) },
      scholarship: expected.scholarship,
    });
  });

  it('a consent without cnous_email: email alone null with CONSENT_SCOPE_MISSING', async () => {
    const expected = await leaExpected();
    const body = await h.person(await h.consent('lea-mercier', ALL_SCOPES.filter((s) => s !== 'cnous_email')), `${STUDENT} ${SCHOLARSHIP}`);
    const path = ['person', 'scholarship', 'email'];
    expectErrorPaths(body, [path]);
    expect(errorAt(body, path).extensions).toMatchObject({ code: 'CONSENT_SCOPE_MISSING', scope: 'cnous_email' });
    expect(body.data.person).toEqual(withAt(expected, ['scholarship', 'email'], null));
  });

  it('a habilitation without cnous_echelon_bourse: grade.grade alone null with FORBIDDEN_SCOPE', async () => {
    const expected = await leaExpected();
    const other = await h.operatorWithout('cnous_echelon_bourse', 'lea-mercier');
    const body = await h.person(other.consent, `${STUDENT} ${SCHOLARSHIP}`, other.token);
    const path = ['person', 'scholarship', 'grade', 'grade'];
    expectErrorPaths(body, [path]);
    expect(errorAt(body, path).extensions).toMatchObject({ code: 'FORBIDDEN_SCOPE', scope: 'cnous_echelon_bourse' });
    expect(body.data.person).toEqual(withAt(expected, ['scholarship', 'grade', 'grade'], null));
  });
});
