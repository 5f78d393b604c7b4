// The shared source contract (contract/run-source-contract.ts) for France Travail, on every staging
// case of its two routes; each is asked alone (a selection of the other route's fields would call it).
import { payload, runSourceContract, subjectFromParams } from '../contract/run-source-contract.js';
import { franceTravailRecipe } from './france-travail-recipe.js';

const { str, date, int, obj } = payload;
const subject = (params: Record<string, unknown>) => subjectFromParams({}, { identifiantFranceTravail: String(params.identifiant ?? '') || 'X' });
const pick = (data: Record<string, unknown>) => (data.person as Record<string, unknown> | null)?.jobSeeker;

const STATUS = `jobSeeker { identifier identity { birthName usageName firstNames sex birthDate birthPlaceCode birthCountryCode } civility
  contact { email phone secondaryPhone }
  address { recipient recipientComplement addressComplement street distributionComplement postalCode locality communeCode }
  registration { startDate endDate category { code label } cnavCertificationCode } }`;

/** `identite.sexe` is spelled out ("Masculin", "Féminin"). */
const SEXES: Record<string, 'M' | 'F'> = { M: 'M', MASCULIN: 'M', F: 'F', FEMININ: 'F' };
const sex = (v: unknown) => SEXES[str(v)?.trim().toUpperCase().normalize('NFD').replace(/\p{Diacritic}/gu, '') ?? ''] ?? null;
const amount = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** `JobSeekerStatus` (statut route) from a payload's `data`: one first name, no birth place. */
function status(data: Record<string, unknown>) {
  const identite = obj(data.identite);
  const contact = obj(data.contact);
  const adresse = obj(data.adresse);
  const inscription = obj(data.inscription);
  const categorie = obj(inscription?.categorie);
  const prenom = str(identite?.prenom);
  return {
    identifier: str(data.identifiant),
    identity: identite && { birthName: str(identite.nom_naissance), usageName: str(identite.nom_usage), firstNames: prenom ? [prenom] : null, sex: sex(identite.sexe), birthDate: date(identite.date_naissance), birthPlaceCode: null, birthCountryCode: null },
    civility: str(identite?.civilite),
    contact: contact && { email: str(contact.email), phone: str(contact.telephone), secondaryPhone: str(contact.telephone2) },
    address: adresse && {
      recipient: str(adresse.ligne_nom), recipientComplement: str(adresse.ligne_complement_destinataire), addressComplement: str(adresse.ligne_complement_adresse),
      street: str(adresse.ligne_voie), distributionComplement: str(adresse.ligne_complement_distribution), postalCode: str(adresse.code_postal),
      locality: str(adresse.localite), communeCode: str(adresse.code_cog_insee_commune),
    },
    registration: inscription && {
      startDate: date(inscription.date_debut), endDate: date(inscription.date_fin),
      category: categorie && { code: int(categorie.code), label: str(categorie.libelle) },
      cnavCertificationCode: str(inscription.code_certification_cnav),
    },
  };
}

/** `payments` (indemnites route) from a payload's `data`, in the upstream's order, cents kept. */
function payments(data: Record<string, unknown>) {
  if (!Array.isArray(data.paiements)) return { payments: null };
  return {
    payments: data.paiements.map(obj).filter((p) => p !== null).map((p) => ({
      date: date(p.date_versement), totalAmount: amount(p.montant_total), allowancesAmount: amount(p.montant_allocations),
      aidsAmount: amount(p.montant_aides), otherAmount: amount(p.montant_autres),
    })),
  };
}

runSourceContract({
  recipe: franceTravailRecipe,
  routes: {
    statut: { folders: ['api_particulier_v3_france_travail_statut_with_identifiant'], subject, query: () => STATUS, pick, expected: status },
    indemnites: {
      folders: ['api_particulier_v3_france_travail_indemnites_with_identifiant'],
      subject,
      query: () => 'jobSeeker { payments { date totalAmount allowancesAmount aidsAmount otherAmount } }',
      pick,
      expected: payments,
    },
  },
});
