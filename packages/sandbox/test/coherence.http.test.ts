import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { expect } from '../../../test/support/expect.js';
import { personas, type Persona } from '../src/index.js';
import { loadValidators, type ResponseValidator } from './openapi-validators.js';
import { startHarness, type Harness, type Params, type Reply } from './sandbox-harness.js';

/*
 * Cross-source coherence, observed over HTTP only: for each persona, the people one source names
 * are the people the others name (DGFIP declarants = CAF/MSA allocataires, CAF/MSA children =
 * MEN pupils, the persona's identity everywhere), and every answer follows its OpenAPI schema.
 */

const ROUTES = {
  dgfip: '/api/v2/avis-imposition',
  qf: '/v3/dss/quotient_familial/identite',
  rsa: '/v3/dss/revenu_solidarite_active/identite',
  men: '/v3/men/scolarites/identite',
  ftStatut: '/v3/france_travail/statut/identifiant',
  ftIndemnites: '/v3/france_travail/indemnites/identifiant',
  mesriIdentite: '/v3/mesri/statut_etudiant/identite',
  mesriIne: '/v3/mesri/statut_etudiant/ine',
  cnousIdentite: '/v3/cnous/etudiant_boursier/identite',
  cnousIne: '/v3/cnous/etudiant_boursier/ine',
};

type Person = { nom: string; prenoms: string; date: string };
const key = (p: Person) => `${p.nom}|${p.prenoms}|${p.date}`;
const iso = (persona: Persona) => {
  const i = persona.identity;
  return `${i.anneeDateNaissance}-${String(i.moisDateNaissance).padStart(2, '0')}-${String(i.jourDateNaissance).padStart(2, '0')}`;
};

function identityParams(persona: Persona): Params {
  const i = persona.identity;
  return {
    nomNaissance: i.nomNaissance,
    nomUsage: i.nomUsage,
    prenoms: i.prenoms,
    sexeEtatCivil: i.sexeEtatCivil,
    anneeDateNaissance: i.anneeDateNaissance,
    moisDateNaissance: i.moisDateNaissance,
    jourDateNaissance: i.jourDateNaissance,
    codeCogInseePaysNaissance: i.codeCogInseePaysNaissance,
    codeCogInseeCommuneNaissance: i.codeCogInseeCommuneNaissance,
  };
}

let harness: Harness;
let validators: Map<string, ResponseValidator>;

async function call(route: string, params: Params): Promise<Reply> {
  const reply = await harness.get(route, params);
  expect(validators.get(route)?.validateResponse(reply.status, reply.json), `${route} answer follows the OpenAPI`).toBeUndefined();
  return reply;
}

beforeAll(async () => {
  harness = await startHarness();
  validators = await loadValidators(Object.values(ROUTES));
});
afterAll(() => harness.close());

describe('dataset', () => {
  it('has at least 25 personas with unique ids, each with an identity pivot', () => {
    expect(personas.length).toBeGreaterThanOrEqual(25);
    expect(new Set(personas.map((p) => p.id)).size).toBe(personas.length);
    for (const p of personas) expect(p.identity.prenoms.length).toBeGreaterThan(0);
  });
  it('covers the situations the issue lists', () => {
    const some = (f: (p: Persona) => boolean) => personas.some(f);
    expect(some((p) => p.identifiers.ine !== undefined)).toBe(true);
    expect(some((p) => p.identifiers.identifiantFranceTravail !== undefined)).toBe(true);
    expect(some((p) => p.identifiers.referenceAvis?.length === 14)).toBe(true);
    expect(some((p) => Object.keys(p.identifiers).length === 0 && /inconnu/i.test(p.label))).toBe(true);
    const names = personas.map((p) => `${p.identity.nomNaissance} ${p.identity.prenoms.join(' ')} ${p.identity.anneeDateNaissance}`);
    expect(new Set(names).size).toBeLessThan(names.length); // homonyms
  });
});

describe.each(personas.map((p) => [p.id, p] as const))('persona %s', (_id, persona) => {
  it('is named alike by DGFIP, CNAF/MSA, MEN, France Travail, MESRI and CNOUS', async () => {
    const self: Person = { nom: persona.identity.nomNaissance, prenoms: persona.identity.prenoms.join(' '), date: iso(persona) };

    // DGFIP: the notice the persona's identifiers designate names them as a declarant.
    let declarants: Person[] | undefined;
    let dependents: number | undefined;
    if (persona.identifiers.numeroFiscal !== undefined) {
      const avis = await call(ROUTES.dgfip, {
        numeroFiscal: persona.identifiers.numeroFiscal,
        referenceAvis: persona.identifiers.referenceAvis,
      });
      expect(avis.status).toBe(200);
      const body = avis.json as Record<string, { nomNaissance: string; prenoms: string; dateNaissance: string }> & {
        nombrePersonnesCharge: number;
      };
      declarants = [body.declarant1, body.declarant2]
        .filter((d): d is NonNullable<typeof d> => d !== undefined && d.nomNaissance !== '')
        .map((d) => ({ nom: d.nomNaissance, prenoms: d.prenoms, date: d.dateNaissance.split('/').reverse().join('-') }));
      dependents = body.nombrePersonnesCharge;
      expect(declarants.map(key)).toContain(key(self));
    }

    // CNAF / MSA: the family found by the persona's identity.
    const qf = await call(ROUTES.qf, identityParams(persona));
    expect([200, 404]).toContain(qf.status);
    if (qf.status === 200) {
      type CnavPerson = { nom_naissance: string; prenoms: string; date_naissance: string; sexe: string };
      const data = (qf.json as { data: { allocataires: CnavPerson[]; enfants: CnavPerson[]; adresse: { code_postal_ville: string } } }).data;
      const toPerson = (p: CnavPerson): Person => ({ nom: p.nom_naissance, prenoms: p.prenoms, date: p.date_naissance });
      expect(data.allocataires.map(toPerson).map(key)).toContain(key(self));
      if (declarants) {
        expect(data.allocataires.map(toPerson).map(key).sort()).toEqual(declarants.map(key).sort());
        expect(data.enfants).toHaveLength(dependents ?? -1);
      }
      // MEN: each child of school age at the 2025 school year has a record, searched in the
      // family's département of residence; a younger child has none.
      const departement = `0${data.adresse.code_postal_ville.slice(0, 2)}`;
      for (const child of data.enfants) {
        const [year, month, day] = child.date_naissance.split('-').map(Number);
        const men = await call(ROUTES.men, {
          nomNaissance: child.nom_naissance,
          prenoms: child.prenoms.split(' '),
          sexeEtatCivil: child.sexe,
          anneeDateNaissance: year,
          moisDateNaissance: month,
          jourDateNaissance: day,
          anneeScolaire: '2025',
          codesBcnDepartements: [departement],
        });
        if ((year ?? 0) <= 2022) {
          expect(men.status).toBe(200);
          const pupil = (men.json as { data: { identite: { nom: string; prenom: string; sexe: string; date_naissance: string } } }).data.identite;
          expect(pupil).toEqual({ nom: child.nom_naissance, prenom: child.prenoms.split(' ')[0], sexe: child.sexe, date_naissance: child.date_naissance });
        } else {
          expect(men.status).toBe(404);
        }
      }
    }

    // France Travail: the registration carries the persona's identity.
    if (persona.identifiers.identifiantFranceTravail !== undefined) {
      const identifiant = persona.identifiers.identifiantFranceTravail;
      const statut = await call(ROUTES.ftStatut, { identifiant });
      expect(statut.status).toBe(200);
      const identite = (statut.json as { data: { identite: { nom_naissance: string; prenom: string; date_naissance: string } } }).data.identite;
      expect([identite.nom_naissance, identite.prenom, identite.date_naissance]).toEqual([self.nom, persona.identity.prenoms[0], self.date]);
      const indemnites = await call(ROUTES.ftIndemnites, { identifiant });
      expect(indemnites.status).toBe(200);
    }

    // MESRI and CNOUS: by INE and by identity, the same student, who is the persona.
    const student = await call(ROUTES.mesriIdentite, identityParams(persona));
    const scholar = await call(ROUTES.cnousIdentite, identityParams(persona));
    if (persona.identifiers.ine !== undefined) {
      const byIne = await call(ROUTES.mesriIne, { ine: persona.identifiers.ine });
      expect(byIne.status).toBe(200);
      expect(student.json).toEqual(byIne.json);
      const identite = (byIne.json as { data: { identite: { nom_naissance: string; date_naissance: string } } }).data.identite;
      expect([identite.nom_naissance, identite.date_naissance]).toEqual([self.nom, self.date]);
      const scholarByIne = await call(ROUTES.cnousIne, { ine: persona.identifiers.ine });
      expect(scholarByIne.status).toBe(scholar.status);
      if (scholar.status === 200) expect(scholar.json).toEqual(scholarByIne.json);
    } else {
      expect(student.status).toBe(404);
      expect(scholar.status).toBe(404);
    }

    // The person unknown everywhere is unknown to every identity route too.
    if (/inconnu partout/i.test(persona.label)) {
      expect(qf.status).toBe(404);
      expect((await call(ROUTES.rsa, identityParams(persona))).status).toBe(404);
    }
  });
});
