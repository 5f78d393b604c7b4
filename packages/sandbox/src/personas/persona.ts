/**
 * A synthetic citizen of the sandbox. The identity uses API Particulier v3's parameter names,
 * the identifiers are those a consent captures (docs/contract.md#upstreams, identity pivot). The sandbox stands alone: it
 * shares no types or parsing code with the hub.
 */
export type Persona = {
  /** Stable slug, e.g. "couple-cnaf-deux-enfants". */
  id: string;
  /** Short French label shown in the IdP persona picker and `hub sandbox personas`. */
  label: string;
  /** What the persona is for (which sources know them, what oddity they carry). */
  description: string;
  identity: {
    nomNaissance: string;
    nomUsage?: string;
    prenoms: string[];
    sexeEtatCivil: 'F' | 'M';
    anneeDateNaissance: number;
    moisDateNaissance?: number;
    jourDateNaissance?: number;
    codeCogInseePaysNaissance: string;
    codeCogInseeCommuneNaissance?: string;
  };
  identifiers: {
    numeroFiscal?: string;
    referenceAvis?: string;
    identifiantFranceTravail?: string;
    ine?: string;
    /** Sport Data Hub: the identifiant of a high-level athlete's file. */
    identifiantSportif?: string;
  };
};
