/** An identity pivot as received on a `/identite` route, already validated. */
export type IdentityQuery = {
  nomNaissance: string;
  nomUsage?: string;
  prenoms: string[];
  sexe?: 'F' | 'M';
  annee?: number;
  mois?: number;
  jour?: number;
  paysNaissance?: string;
  communeNaissance?: string;
  nomCommuneNaissance?: string;
};
