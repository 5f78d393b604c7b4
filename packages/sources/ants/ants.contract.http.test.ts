// The shared source contract (contract/run-source-contract.ts) for the ANTS, on every staging case
// of its FranceConnect-only route: the subject carries the citizen's FranceConnect access token,
// which the call forwards as its bearer (the contract checks it); `identityMatch` comes from
// `meta.identity_matching`. With a hub consent there is no token: NOT_FOUND franceconnect_required
// before any call (below).
import { describe, expect, it } from '@jest/globals';
import { HubError } from '@hub/core';
import { payload, runSourceContract, subjectFromParams } from '../contract/run-source-contract.js';
import { antsRecipe } from './ants-recipe.js';

const { str, date, bool, int, obj } = payload;
const CODE = '{ code label }';
const SELECTION = (immatriculation: unknown) => `vehicle(registrationNumber: ${JSON.stringify(String(immatriculation ?? ''))}) {
  holder { lastName firstName sex birthDate birthYear birthMonth birthDay birthDepartmentCode }
  holderAddress { complement streetNumber streetNumberExtension streetType streetName floorStairsApartment locality postalCode city country }
  holderStatus registration { number firstRegistrationDate leaseStatus ${CODE} }
  technicalCharacteristics { make typeVariantVersion commercialName maxLadenMass category ${CODE} nationalType ${CODE} engineCapacity
    fuelType ${CODE} co2Emissions environmentalClass ${CODE} }
  identityMatch { familyName givenName birthDate overall } }`;

const HOLDER_STATUS: Record<string, string> = { titulaire: 'HOLDER', cotitulaire: 'CO_HOLDER', locataire: 'LESSEE' };
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
/** `{code, label}`, null when both are (a vehicle that is not leased). */
const code = (v: unknown) => {
  const c = obj(v);
  const value = { code: str(c?.code), label: str(c?.label) };
  return value.code === null && value.label === null ? null : value;
};
const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** `VehicleRegistration` from a payload's `data` and its `meta.identity_matching`. */
function expected(data: Record<string, unknown>, body: unknown) {
  const p = obj(data.identite_particulier);
  const a = obj(data.adresse_particulier);
  const r = obj(data.donnees_immatriculation_vehicule);
  const t = obj(data.caracteristiques_techniques_vehicule);
  const m = obj(obj(obj(body)?.meta)?.identity_matching);
  const [y, mo, d] = [int(p?.annee_date_naissance), int(p?.mois_date_naissance), int(p?.jour_date_naissance)];
  const status = str(data.statut_rattachement);
  return {
    holder: p && {
      lastName: str(p.nom), firstName: str(p.prenom), sex: p.sexe_etat_civil === 'F' || p.sexe_etat_civil === 'M' ? p.sexe_etat_civil : null,
      // A complete and possible date only; the parts as given when in range.
      birthDate: y !== null && mo !== null && d !== null ? date(`${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}`) : null,
      birthYear: y, birthMonth: mo !== null && mo >= 1 && mo <= 12 ? mo : null, birthDay: d !== null && d >= 1 && d <= 31 ? d : null,
      birthDepartmentCode: str(p.code_departement_naissance),
    },
    holderAddress: a && {
      complement: str(a.complement_information), streetNumber: str(a.num_voie), streetNumberExtension: str(a.extension), streetType: str(a.type_voie),
      streetName: str(a.libelle_voie), floorStairsApartment: str(a.etage_escalier_appartement), locality: str(a.lieu_dit),
      postalCode: str(a.code_postal_ville), city: str(a.libelle_commune), country: str(a.pays),
    },
    holderStatus: status !== null && Object.hasOwn(HOLDER_STATUS, status) ? HOLDER_STATUS[status] : null,
    registration: r && { number: str(r.numero_immatriculation), firstRegistrationDate: date(r.date_premiere_immatriculation), leaseStatus: code(r.statut_location) },
    technicalCharacteristics: t && {
      make: str(t.marque), typeVariantVersion: str(t.type_variante_version), commercialName: str(t.denomination_commerciale),
      maxLadenMass: num(t.masse_charge_maximale), category: code(t.categorie_vehicule), nationalType: code(t.genre_national),
      engineCapacity: num(t.cylindree), fuelType: code(t.type_carburant), co2Emissions: num(t.taux_co2), environmentalClass: code(t.classe_environnementale),
    },
    identityMatch: m && { familyName: num(m.family_name), givenName: num(m.given_name), birthDate: num(m.birth_date), overall: bool(m.overall_match) },
  };
}

runSourceContract({
  recipe: antsRecipe,
  routes: {
    franceConnect: {
      folders: ['api_particulier_v3_ants_extrait_immatriculation_vehicule_with_france_connect'],
      subject: (params) => ({ ...subjectFromParams({}), franceConnectToken: `fc-access-token-${String(params.immatriculation ?? '')}` }),
      query: (params) => SELECTION(params.immatriculation),
      pick: (data) => (data.person as Record<string, unknown> | null)?.vehicle,
      expected,
    },
  },
});

describe('ants: a hub consent', () => {
  it('is refused before any call: NOT_FOUND franceconnect_required', () => {
    const [entry] = antsRecipe.entries;
    let refusal: unknown;
    try {
      (entry!.plan as (parent: unknown, args: unknown) => unknown)(subjectFromParams({}), { registrationNumber: 'TM-001-KB' });
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(HubError);
    expect(refusal).toMatchObject({ code: 'NOT_FOUND', extensions: { provider: 'ANTS', reason: 'franceconnect_required' } });
  });
});
