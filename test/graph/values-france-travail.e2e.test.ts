import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { expect } from '../support/expect.js';
import { personas } from '@hub/sandbox';
import { ALL_SCOPES, IDENTITY, errorAt, expectErrorPaths, persona, startValuesHub, withAt, type ValuesHub } from './values-fixture.js';

/*
 * France Travail (GET /v3/france_travail/statut/identifiant and /indemnites/identifiant, both
 * with the identifiant typed at consent): every field of Person.jobSeeker equals the sandbox's
 * payloads for the same identifiant.
 */

const STATUS_ROUTE = '/v3/france_travail/statut/identifiant';
const PAYMENTS_ROUTE = '/v3/france_travail/indemnites/identifiant';

const SELECTION = `jobSeeker {
  identifier identity { ${IDENTITY} } civility
  contact { email phone secondaryPhone }
  address { recipient recipientComplement addressComplement street distributionComplement postalCode locality communeCode }
  registration { startDate endDate category { code label } cnavCertificationCode }
  payments { date totalAmount allowancesAmount aidsAmount otherAmount }
}`;

/** `sexe` is spelled out on this route ("Masculin", "Féminin"). */
const SEX: Record<string, string> = { Masculin: 'M', Féminin: 'F' };

/** The GraphQL value the mapping documents for the two payloads. */
function expectedJobSeeker(status: any, payments: any) {
  const { identite: i, contact: c, adresse: a, inscription: r } = status;
  return {
    identifier: status.identifiant,
    identity: {
      birthName: i.nom_naissance,
      usageName: i.nom_usage,
      // One first name only on this route.
      firstNames: [i.prenom],
      sex: SEX[i.sexe],
      birthDate: i.date_naissance,
      birthPlaceCode: null,
      birthCountryCode: null,
    },
    civility: i.civilite,
    contact: { email: c.email, phone: c.telephone, secondaryPhone: c.telephone2 },
    address: {
      recipient: a.ligne_nom,
      recipientComplement: a.ligne_complement_destinataire,
      addressComplement: a.ligne_complement_adresse,
      street: a.ligne_voie,
      distributionComplement: a.ligne_complement_distribution,
      postalCode: a.code_postal,
      locality: a.localite,
      communeCode: a.code_cog_insee_commune,
    },
    registration: {
      startDate: r.date_debut,
      endDate: r.date_fin,
      category: { code: r.categorie.code, label: r.categorie.libelle },
      cnavCertificationCode: r.code_certification_cnav,
    },
    // Euros with their cents, in the upstream's order.
    payments: payments.paiements.map((p: any) => ({
      date: p.date_versement,
      totalAmount: p.montant_total,
      allowancesAmount: p.montant_allocations,
      aidsAmount: p.montant_aides,
      otherAmount: p.montant_autres,
    })),
  };
}

let h: ValuesHub;
beforeAll(async () => {
  h = await startValuesHub();
});
afterAll(async () => h?.close());

const jobSeekers = personas.filter((p) => p.identifiers.identifiantFranceTravail);

async function upstreamOf(id: string) {
  const identifiant = persona(id).identifiers.identifiantFranceTravail;
  const [status, payments] = await Promise.all([h.upstream(STATUS_ROUTE, { identifiant }), h.upstream(PAYMENTS_ROUTE, { identifiant })]);
  expect([status.status, payments.status]).toEqual([200, 200]);
  return expectedJobSeeker(status.body.data, payments.body.data);
}

describe('France Travail values equal the upstream payloads', () => {
  it('covers the registered, the deregistered and the homonym job seekers', () => {
    expect(jobSeekers.map((p) => p.id).sort()).toEqual(['isabelle-perrin', 'jean-martel-brest', 'marc-chevalier']);
  });

  it.each(jobSeekers.map((p) => p.id))('%s: every jobSeeker field (statut and indemnités)', async (id) => {
    const expected = await upstreamOf(id);
    const body = await h.person(await h.consent(id), SELECTION);
    expect(body.errors).toBeUndefined();
    expect(body.data.person.jobSeeker).toEqual(expected);
  });

  it('amounts keep their cents and a closed registration its end date', async () => {
    const marc = await upstreamOf('marc-chevalier');
    expect(marc.payments.map((p: any) => p.totalAmount)).toEqual([1234.5, 1384.5, 1246.8]);
    const body = await h.person(await h.consent('marc-chevalier'), 'jobSeeker { payments { totalAmount otherAmount } registration { endDate } }');
    expect(body.data.person.jobSeeker.payments).toEqual(marc.payments.map((p: any) => ({ totalAmount: p.totalAmount, otherAmount: p.otherAmount })));
    expect(body.data.person.jobSeeker.registration.endDate).toBeNull();
    const isabelle = await upstreamOf('isabelle-perrin');
    expect(isabelle.registration.endDate).toBe('2025-06-30');
    const closed = await h.person(await h.consent('isabelle-perrin'), 'jobSeeker { registration { endDate } contact { email } }');
    expect(closed.data.person.jobSeeker).toEqual({ registration: { endDate: '2025-06-30' }, contact: { email: null } });
  });

  it('a consent without an identifiant France Travail: jobSeeker null with NOT_FOUND', async () => {
    const body = await h.person(await h.consent('julien-lambert'), SELECTION);
    expect(body.data.person.jobSeeker).toBeNull();
    expectErrorPaths(body, [['person', 'jobSeeker']]);
    expect(errorAt(body, ['person', 'jobSeeker']).extensions).toMatchObject({ code: 'NOT_FOUND', provider: 'FRANCE_TRAVAIL' });
  });
});

describe('France Travail denials null one field only', () => {
  it('a consent without pole_emploi_paiements: payments alone null with CONSENT_SCOPE_MISSING', async () => {
    const expected = await upstreamOf('marc-chevalier');
    const body = await h.person(await h.consent('marc-chevalier', ALL_SCOPES.filter((s) => s !== 'pole_emploi_paiements')), SELECTION);
    const path = ['person', 'jobSeeker', 'payments'];
    expectErrorPaths(body, [path]);
    expect(errorAt(body, path).extensions).toMatchObject({ code: 'CONSENT_SCOPE_MISSING', scope: 'pole_emploi_paiements' });
    expect(body.data.person.jobSeeker).toEqual(withAt(expected, ['payments'], null));
  });

  it('a habilitation without pole_emploi_contact: contact alone null with FORBIDDEN_SCOPE', async () => {
    const expected = await upstreamOf('jean-martel-brest');
    const other = await h.operatorWithout('pole_emploi_contact', 'jean-martel-brest');
    const body = await h.person(other.consent, SELECTION, other.token);
    const path = ['person', 'jobSeeker', 'contact'];
    expectErrorPaths(body, [path]);
    expect(errorAt(body, path).extensions).toMatchObject({ code: 'FORBIDDEN_SCOPE', scope: 'pole_emploi_contact' });
    expect(body.data.person.jobSeeker).toEqual(withAt(expected, ['contact'], null));
  });
});
