// The shared source contract (contract/run-source-contract.ts) for DGFIP, on every staging case of
// the retired v2 route it calls: a flat body (no `data` block) and flat `{error, reason, message}`
// errors, whose upstreamCode is `dgfip_<status>` (docs/contract.md#upstreams).
import { payload, runSourceContract, subjectFromParams } from '../contract/run-source-contract.js';
import { dgfipRecipe } from './dgfip-recipe.js';

const { str, int, obj } = payload;

const DECLARANT = 'usageName birthName firstNames birthDate';
const SELECTION = `taxHousehold { adults { birthName usageName firstNames sex birthDate birthPlaceCode birthCountryCode }
  address { recipient lines postalCode city country } fiscalAddress fiscalAddressYear
  declarant1 { ${DECLARANT} } declarant2 { ${DECLARANT} }
  taxNotice { referenceTaxIncome taxShares dependents familySituation grossIncome taxableIncome netTaxBeforeCorrections
    taxAmount taxYear incomeYear correctiveNotice partialSituation collectionDate assessmentDate } }`;

/** `DD/MM/YYYY` → `YYYY-MM-DD` when it is a real calendar date, else null. */
const frenchDate = (v: unknown) => {
  const m = typeof v === 'string' ? /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(v) : null;
  return m ? payload.date(`${m[3]}-${m[2]}-${m[1]}`) : null;
};

/** declarant1 / declarant2: all four fields empty strings means "no such declarant". */
function declarant(v: unknown) {
  const d = obj(v);
  if (!d) return null;
  const prenoms = str(d.prenoms)?.split(/\s+/).filter(Boolean) ?? [];
  const value = { usageName: str(d.nom), birthName: str(d.nomNaissance), firstNames: prenoms.length > 0 ? prenoms : null, birthDate: frenchDate(d.dateNaissance) };
  return Object.values(value).every((x) => x === null) ? null : value;
}

/** `TaxHousehold` from the flat v2 body. */
function expected(data: Record<string, unknown>) {
  const foyer = obj(data.foyerFiscal);
  const adresse = str(foyer?.adresse);
  // "42 RUE DE LA PAIX 75002 PARIS": the street, then a 5-digit postal code and the city.
  const split = adresse === null ? null : /^(.*?)\s*(\d{5})\s+([^\d]+)$/.exec(adresse.trim());
  const declarants = [declarant(data.declarant1), declarant(data.declarant2)].filter((d) => d !== null);
  return {
    adults: declarants.map((d) => ({ ...d, sex: null, birthPlaceCode: null, birthCountryCode: null })),
    address: adresse === null ? null : split
      ? { recipient: null, lines: split[1] ? [split[1]] : null, postalCode: split[2], city: split[3]!.trim(), country: null }
      : { recipient: null, lines: [adresse.trim()], postalCode: null, city: null, country: null },
    fiscalAddress: adresse,
    fiscalAddressYear: int(foyer?.annee),
    declarant1: declarant(data.declarant1),
    declarant2: declarant(data.declarant2),
    taxNotice: {
      referenceTaxIncome: int(data.revenuFiscalReference),
      taxShares: typeof data.nombreParts === 'number' ? data.nombreParts : null,
      dependents: int(data.nombrePersonnesCharge),
      familySituation: str(data.situationFamille),
      grossIncome: int(data.revenuBrutGlobal),
      taxableIncome: int(data.revenuImposable),
      netTaxBeforeCorrections: int(data.impotRevenuNetAvantCorrections),
      taxAmount: int(data.montantImpot),
      taxYear: int(data.anneeImpots),
      incomeYear: int(data.anneeRevenus),
      correctiveNotice: str(data.erreurCorrectif),
      partialSituation: str(data.situationPartielle),
      collectionDate: frenchDate(data.dateRecouvrement),
      assessmentDate: frenchDate(data.dateEtablissement),
    },
  };
}

runSourceContract({
  recipe: dgfipRecipe,
  routes: {
    taxHousehold: {
      folders: ['api_particulier_v2_dgfip_situation_ir'],
      subject: (params) => subjectFromParams({}, { numeroFiscal: String(params.numeroFiscal ?? 'X'), referenceAvis: String(params.referenceAvis ?? 'X') }),
      query: () => SELECTION,
      pick: (data) => (data.person as Record<string, unknown> | null)?.taxHousehold,
      expected,
    },
  },
});
