/**
 * Identity pivot, with API Particulier v3's parameter names (docs/contract.md#upstreams), as captured at
 * consent time. It is personal data: never log it, never cache it across requests.
 */
export type IdentityPivot = {
  nomNaissance: string;
  nomUsage?: string;
  prenoms: string[];
  sexeEtatCivil: 'F' | 'M';
  anneeDateNaissance: number;
  moisDateNaissance?: number;
  jourDateNaissance?: number;
  /** 5-digit COG INSEE code of the birth country ("99100" for France). */
  codeCogInseePaysNaissance: string;
  /** 5-character COG INSEE code of the birth commune; required when born in France. */
  codeCogInseeCommuneNaissance?: string;
};

/** Source-specific identifiers a citizen may give at consent time. */
export type SubjectIdentifiers = {
  /** DGFIP numéro fiscal (13 characters). */
  numeroFiscal?: string;
  /** DGFIP référence d'avis (13 or 14 characters). */
  referenceAvis?: string;
  identifiantFranceTravail?: string;
  /** Identifiant national étudiant. */
  ine?: string;
  /** Sport Data Hub: the identifiant of a high-level athlete's file. */
  identifiantSportif?: string;
};

export type SubjectIdentity = IdentityPivot & SubjectIdentifiers;
