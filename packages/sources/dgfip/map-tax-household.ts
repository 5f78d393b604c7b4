import { parseWireDate, wire, type AddressObject, type IdentityObject } from '../http/index.js';
import type { TaxDeclarant, TaxHousehold } from './tax-household.js';

/**
 * Maps the flat body of `GET /api/v2/avis-imposition` (docs/contract.md#upstreams) to a TaxHousehold.
 * Throws only when the body is not an object at all (the loader turns that into PROVIDER_ERROR);
 * any single odd field becomes null.
 */
export function mapTaxHousehold(body: unknown): TaxHousehold {
  const b = wire.object(body);
  if (!b) throw new TypeError('DGFIP body is not an object');
  const declarant1 = mapDeclarant(b.declarant1);
  // DGFIP sends declarant2 with every field an empty string when there is no second declarant.
  const declarant2 = mapDeclarant(b.declarant2);
  const foyer = wire.object(b.foyerFiscal);
  const fiscalAddress = wire.string(foyer?.adresse);
  return {
    kind: 'tax',
    adults: [declarant1, declarant2].filter((d): d is TaxDeclarant => d !== null).map(toIdentity),
    children: null,
    address: fiscalAddress === null ? null : splitFiscalAddress(fiscalAddress),
    fiscalAddress,
    fiscalAddressYear: wire.int(foyer?.annee),
    declarant1,
    declarant2,
    taxNotice: {
      referenceTaxIncome: wire.int(b.revenuFiscalReference),
      taxShares: wire.number(b.nombreParts),
      dependents: wire.int(b.nombrePersonnesCharge),
      familySituation: wire.string(b.situationFamille),
      grossIncome: wire.int(b.revenuBrutGlobal),
      taxableIncome: wire.int(b.revenuImposable),
      // null when the household is not taxable.
      netTaxBeforeCorrections: wire.int(b.impotRevenuNetAvantCorrections),
      taxAmount: wire.int(b.montantImpot),
      // 4-digit strings on the wire ("2022").
      taxYear: wire.int(b.anneeImpots),
      incomeYear: wire.int(b.anneeRevenus),
      // Empty string = no corrective notice / a full-year notice.
      correctiveNotice: wire.string(b.erreurCorrectif),
      partialSituation: wire.string(b.situationPartielle),
      collectionDate: parseWireDate(b.dateRecouvrement, 'DD/MM/YYYY'),
      assessmentDate: parseWireDate(b.dateEtablissement, 'DD/MM/YYYY'),
    },
  };
}

function mapDeclarant(value: unknown): TaxDeclarant | null {
  const d = wire.object(value);
  if (!d) return null;
  const declarant: TaxDeclarant = {
    usageName: wire.string(d.nom),
    birthName: wire.string(d.nomNaissance),
    firstNames: wire.firstNames(d.prenoms),
    birthDate: parseWireDate(d.dateNaissance, 'DD/MM/YYYY'),
  };
  const empty = Object.values(declarant).every((v) => v === null);
  return empty ? null : declarant;
}

function toIdentity(declarant: TaxDeclarant): IdentityObject {
  // DGFIP gives neither sex nor birth place.
  return {
    birthName: declarant.birthName,
    usageName: declarant.usageName,
    firstNames: declarant.firstNames,
    sex: null,
    birthDate: declarant.birthDate,
    birthPlaceCode: null,
    birthCountryCode: null,
  };
}

/**
 * `foyerFiscal.adresse` is one string ("42 RUE DE LA PAIX 75002 PARIS"). When it ends with a
 * 5-digit postal code and a city, split them out; otherwise keep the whole string as one line.
 */
function splitFiscalAddress(address: string): AddressObject {
  const match = /^(?<street>[\s\S]*?)\s*(?<postalCode>\d{5})\s+(?<city>[^\d\n]+)$/.exec(address.trim());
  if (!match?.groups) return { recipient: null, lines: toLines(address), postalCode: null, city: null, country: null };
  return {
    recipient: null,
    lines: toLines(match.groups.street ?? ''),
    postalCode: match.groups.postalCode ?? null,
    city: match.groups.city?.trim() ?? null,
    country: null,
  };
}

function toLines(text: string): string[] | null {
  const lines = text.split(/\n+/).map((line) => line.trim()).filter((line) => line !== '');
  return lines.length > 0 ? lines : null;
}
