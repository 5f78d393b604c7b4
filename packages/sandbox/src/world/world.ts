import type { Citizen, Family, SchoolingRecord, TaxHousehold, World } from './citizen.js';
import { serviceRecords } from './service-records.js';

/*
 * The synthetic population. Names avoid the staging cases' identities so a persona never
 * shadows a staging answer. School records exist for the school years starting 2024, 2025 and
 * 2026 so "the current school year" works whatever the clock says.
 */

const FRANCE = '99100';

function schooled(
  school: Omit<SchoolingRecord, 'anneeScolaire' | 'codeMefStat' | 'libelleMef'>,
  levels: Array<[codeMefStat: string, libelleMef: string]>,
): SchoolingRecord[] {
  return ['2024', '2025', '2026'].map((anneeScolaire, i) => {
    const level = levels[Math.min(i, levels.length - 1)] ?? ['', ''];
    return { ...school, anneeScolaire, codeMefStat: level[0], libelleMef: level[1] };
  });
}

const LYON = { code: '69123', nom: 'Lyon' };
const RODEZ = { code: '12202', nom: 'Rodez' };
const RENNES = { code: '35238', nom: 'Rennes' };
const MARSEILLE = { code: '13055', nom: 'Marseille' };

const citizens: Citizen[] = [
  // --- Foyer LAMBERT: couple CNAF, deux enfants scolarisés, déclarants = allocataires.
  {
    id: 'sophie-lambert',
    nomNaissance: 'FONTAINE',
    nomUsage: 'LAMBERT',
    prenoms: ['SOPHIE', 'MARIE'],
    sexe: 'F',
    dateNaissance: '1984-03-12',
    paysNaissance: FRANCE,
    communeNaissance: LYON,
    numeroFiscal: '3012345678901',
    persona: {
      label: 'Sophie Lambert (née Fontaine) — couple CNAF, 2 enfants',
      description:
        'Mariée à Julien Lambert; déclarante 2 de l’avis d’impôt, co-allocataire CNAF; Emma (collège) et Hugo (école) scolarisés.',
    },
    benefits: {},
  },
  {
    id: 'julien-lambert',
    nomNaissance: 'LAMBERT',
    prenoms: ['JULIEN', 'PIERRE'],
    sexe: 'M',
    dateNaissance: '1982-07-05',
    paysNaissance: FRANCE,
    communeNaissance: LYON,
    numeroFiscal: '3012345678902',
    persona: {
      label: 'Julien Lambert — couple CNAF, 2 enfants',
      description: 'Déclarant 1 de l’avis du foyer Lambert et allocataire CNAF (QF 780).',
    },
    benefits: {},
  },
  {
    id: 'emma-lambert',
    nomNaissance: 'LAMBERT',
    prenoms: ['EMMA'],
    sexe: 'F',
    dateNaissance: '2012-09-14',
    paysNaissance: FRANCE,
    communeNaissance: LYON,
    schooling: schooled(
      { uai: '0690028K', nomEtablissement: 'Collège Jean Moulin', degre: '2D', departementBcn: '069', regionBcn: '84', echelonBourse: null },
      [['10310019110', '4EME'], ['10310019210', '3EME'], ['20010018110', '2NDE GENERALE ET TECHNOLOGIQUE']],
    ),
  },
  {
    id: 'hugo-lambert',
    nomNaissance: 'LAMBERT',
    prenoms: ['HUGO'],
    sexe: 'M',
    dateNaissance: '2016-02-03',
    paysNaissance: FRANCE,
    communeNaissance: LYON,
    schooling: schooled(
      { uai: '0691664X', nomEtablissement: 'École élémentaire Les Tilleuls', degre: '1D', departementBcn: '069', regionBcn: '84', echelonBourse: null },
      [['00031002110', 'CM1'], ['00031002210', 'CM2'], ['10010012110', '6EME']],
    ),
  },

  // --- Foyer GAUTHIER: couple MSA (exploitants agricoles), un lycéen boursier.
  {
    id: 'thierry-gauthier',
    nomNaissance: 'GAUTHIER',
    prenoms: ['THIERRY'],
    sexe: 'M',
    dateNaissance: '1975-11-20',
    paysNaissance: FRANCE,
    communeNaissance: RODEZ,
    numeroFiscal: '1234509876543',
    persona: {
      label: 'Thierry Gauthier — couple MSA, 1 lycéen',
      description: 'Exploitant agricole, allocataire MSA (QF 540) avec Nathalie; Lucas au lycée, boursier échelon 3.',
    },
    benefits: {},
  },
  {
    id: 'nathalie-gauthier',
    nomNaissance: 'ROUSSEL',
    nomUsage: 'GAUTHIER',
    prenoms: ['NATHALIE', 'ANNE'],
    sexe: 'F',
    dateNaissance: '1977-04-02',
    paysNaissance: FRANCE,
    communeNaissance: RODEZ,
    numeroFiscal: '1234509876544',
    persona: {
      label: 'Nathalie Gauthier (née Roussel) — couple MSA',
      description: 'Co-déclarante et co-allocataire MSA du foyer Gauthier.',
    },
    benefits: {},
  },
  {
    id: 'lucas-gauthier',
    nomNaissance: 'GAUTHIER',
    prenoms: ['LUCAS'],
    sexe: 'M',
    dateNaissance: '2010-06-18',
    paysNaissance: FRANCE,
    communeNaissance: RODEZ,
    schooling: schooled(
      { uai: '0120024L', nomEtablissement: 'Lycée Foch', degre: '2D', departementBcn: '012', regionBcn: '76', echelonBourse: 3 },
      [['20010018110', '2NDE GENERALE ET TECHNOLOGIQUE'], ['20111001110', '1ERE GENERALE'], ['20212001110', 'TERMINALE GENERALE']],
    ),
  },

  // --- Foyer BENSALEM: parent isolé CNAF, RSA majoré, ASF, C2S; avis sans déclarant 2.
  {
    id: 'amina-bensalem',
    nomNaissance: 'BENSALEM',
    prenoms: ['AMINA'],
    sexe: 'F',
    dateNaissance: '1990-01-25',
    paysNaissance: '99350',
    numeroFiscal: '2456789012345',
    persona: {
      label: 'Amina Bensalem — parent isolé, RSA, née au Maroc',
      description:
        'Allocataire CNAF seule avec Yanis; RSA majoré, ASF, C2S sans participation; avis d’impôt non imposable dont le déclarant 2 est vide.',
    },
    benefits: {
      rsa: { since: '2022-03-01', majoration: true },
      asf: { since: '2021-09-01' },
      c2s: { since: '2023-01-01', participation: false },
    },
  },
  {
    id: 'yanis-bensalem',
    nomNaissance: 'BENSALEM',
    prenoms: ['YANIS'],
    sexe: 'M',
    dateNaissance: '2014-05-30',
    paysNaissance: FRANCE,
    communeNaissance: MARSEILLE,
    schooling: schooled(
      { uai: '0131705H', nomEtablissement: 'Collège Edmond Rostand', degre: '2D', departementBcn: '013', regionBcn: '93', echelonBourse: 2 },
      [['10010012110', '6EME'], ['10110001110', '5EME'], ['10310019110', '4EME']],
    ),
    benefits: { c2s: { since: '2023-01-01', participation: false } },
  },

  // --- Foyer DIALLO: couple CNAF né au Sénégal, trois enfants, prime d'activité majorée.
  {
    id: 'fatou-diallo',
    nomNaissance: 'DIALLO',
    prenoms: ['FATOU'],
    sexe: 'F',
    dateNaissance: '1986-09-09',
    paysNaissance: '99341',
    numeroFiscal: '1987654321098',
    persona: {
      label: 'Fatou Diallo — famille nombreuse CNAF, née au Sénégal',
      description: 'Allocataire CNAF (QF 410) avec Moussa; trois enfants scolarisés (lycée, collège, école).',
    },
    benefits: { primeActivite: { since: '2023-04-01', majoration: true } },
  },
  {
    id: 'moussa-diallo',
    nomNaissance: 'DIALLO',
    prenoms: ['MOUSSA', 'ABDOU'],
    sexe: 'M',
    dateNaissance: '1981-12-12',
    paysNaissance: '99341',
    numeroFiscal: '1987654321099',
    persona: {
      label: 'Moussa Diallo — famille nombreuse CNAF',
      description: 'Déclarant 1 du foyer Diallo (5 parts), prime d’activité majorée.',
    },
    benefits: { primeActivite: { since: '2023-04-01', majoration: true } },
  },
  {
    id: 'awa-diallo',
    nomNaissance: 'DIALLO',
    prenoms: ['AWA'],
    sexe: 'F',
    dateNaissance: '2009-03-03',
    paysNaissance: FRANCE,
    communeNaissance: { code: '93066', nom: 'Saint-Denis' },
    schooling: schooled(
      { uai: '0930830D', nomEtablissement: 'Lycée Paul Éluard', degre: '2D', departementBcn: '093', regionBcn: '11', echelonBourse: 4 },
      [['20111001110', '1ERE GENERALE'], ['20212001110', 'TERMINALE GENERALE'], ['20212001110', 'TERMINALE GENERALE']],
    ),
  },
  {
    id: 'ibrahima-diallo',
    nomNaissance: 'DIALLO',
    prenoms: ['IBRAHIMA'],
    sexe: 'M',
    dateNaissance: '2012-11-11',
    paysNaissance: FRANCE,
    communeNaissance: { code: '93066', nom: 'Saint-Denis' },
    schooling: schooled(
      { uai: '0932031M', nomEtablissement: 'Collège Elsa Triolet', degre: '2D', departementBcn: '093', regionBcn: '11', echelonBourse: 5 },
      [['10110001110', '5EME'], ['10310019110', '4EME'], ['10310019210', '3EME']],
    ),
  },
  {
    id: 'mariam-diallo',
    nomNaissance: 'DIALLO',
    prenoms: ['MARIAM'],
    sexe: 'F',
    dateNaissance: '2018-04-04',
    paysNaissance: FRANCE,
    communeNaissance: { code: '93066', nom: 'Saint-Denis' },
    schooling: schooled(
      { uai: '0931454A', nomEtablissement: 'École élémentaire Jean Vilar', degre: '1D', departementBcn: '093', regionBcn: '11', echelonBourse: null },
      [['00031001110', 'CP'], ['00031001210', 'CE1'], ['00031001310', 'CE2']],
    ),
  },

  // --- Foyer BRUNET: couple CNAF, enfant ouvrant droit à l'AEEH.
  {
    id: 'olivier-brunet',
    nomNaissance: 'BRUNET',
    prenoms: ['OLIVIER'],
    sexe: 'M',
    dateNaissance: '1983-03-03',
    paysNaissance: FRANCE,
    communeNaissance: RENNES,
    numeroFiscal: '2233445566778',
    persona: {
      label: 'Olivier Brunet — allocataire AEEH',
      description: 'Allocataire CNAF (QF 960) avec Sandrine; Théo ouvre droit à l’AEEH.',
    },
    benefits: { aeeh: { since: '2020-09-01', status: 'allocataire' } },
  },
  {
    id: 'sandrine-brunet',
    nomNaissance: 'COLIN',
    nomUsage: 'BRUNET',
    prenoms: ['SANDRINE'],
    sexe: 'F',
    dateNaissance: '1985-06-21',
    paysNaissance: FRANCE,
    communeNaissance: RENNES,
    numeroFiscal: '2233445566779',
    persona: {
      label: 'Sandrine Brunet (née Colin) — couple CNAF',
      description: 'Co-déclarante et co-allocataire du foyer Brunet.',
    },
    benefits: {},
  },
  {
    id: 'theo-brunet',
    nomNaissance: 'BRUNET',
    prenoms: ['THEO'],
    sexe: 'M',
    dateNaissance: '2013-01-09',
    paysNaissance: FRANCE,
    communeNaissance: RENNES,
    benefits: { aeeh: { since: '2020-09-01', status: 'ouvrant_droit' } },
    schooling: schooled(
      { uai: '0350024X', nomEtablissement: 'Collège Anne de Bretagne', degre: '2D', departementBcn: '035', regionBcn: '53', echelonBourse: null },
      [['10110001110', '5EME'], ['10310019110', '4EME'], ['10310019210', '3EME']],
    ),
  },

  // --- Foyer BLANCHARD/TESSIER: pacsés, un nourrisson non scolarisé.
  {
    id: 'manon-blanchard',
    nomNaissance: 'BLANCHARD',
    prenoms: ['MANON', 'LOUISE'],
    sexe: 'F',
    dateNaissance: '1991-08-08',
    paysNaissance: FRANCE,
    communeNaissance: { code: '31555', nom: 'Toulouse' },
    numeroFiscal: '3098765432101',
    persona: {
      label: 'Manon Blanchard — pacsée, nourrisson non scolarisé',
      description: 'Pacsée avec Kevin Tessier, allocataire CNAF (QF 1340); Jade, née en 2025, n’est pas scolarisée.',
    },
    benefits: {},
  },
  {
    id: 'kevin-tessier',
    nomNaissance: 'TESSIER',
    prenoms: ['KEVIN'],
    sexe: 'M',
    dateNaissance: '1990-02-14',
    paysNaissance: FRANCE,
    communeNaissance: { code: '31555', nom: 'Toulouse' },
    numeroFiscal: '3098765432102',
    persona: {
      label: 'Kevin Tessier — pacsé',
      description: 'Co-déclarant (PACS) et co-allocataire CNAF avec Manon Blanchard.',
    },
    benefits: {},
  },
  {
    id: 'jade-tessier',
    nomNaissance: 'TESSIER',
    prenoms: ['JADE'],
    sexe: 'F',
    dateNaissance: '2025-06-01',
    paysNaissance: FRANCE,
    communeNaissance: { code: '31555', nom: 'Toulouse' },
  },

  // --- Étudiants.
  {
    id: 'lea-mercier',
    nomNaissance: 'MERCIER',
    prenoms: ['LEA', 'CHARLOTTE'],
    sexe: 'F',
    dateNaissance: '2003-10-08',
    paysNaissance: FRANCE,
    communeNaissance: { code: '33063', nom: 'Bordeaux' },
    persona: {
      label: 'Léa Mercier — étudiante boursière',
      description: 'Inscrite à l’université de Bordeaux (MESRI), boursière CNOUS échelon 4; INE 1903012345K.',
    },
    student: {
      ine: '1903012345K',
      admissions: [
        { dateDebut: '2025-09-01', dateFin: '2026-08-31', estInscrit: true, regime: 'RF1', codeCommune: '33522', uai: '0334057H', nomEtablissement: 'Université de Bordeaux' },
        { dateDebut: '2024-09-01', dateFin: '2025-08-31', estInscrit: true, regime: 'RF1', codeCommune: '33522', uai: '0334057H', nomEtablissement: 'Université de Bordeaux' },
      ],
    },
    scholarship: {
      ine: '1903012345K',
      echelon: '4',
      dateRentree: '2025-09-01',
      dureeMois: 10,
      nomEtablissement: 'Université de Bordeaux',
      communeEtablissement: 'Talence',
      email: 'lea.mercier@etu.example.fr',
    },
  },
  {
    id: 'karim-haddad',
    nomNaissance: 'HADDAD',
    prenoms: ['KARIM'],
    sexe: 'M',
    dateNaissance: '2001-02-14',
    paysNaissance: FRANCE,
    communeNaissance: { code: '67482', nom: 'Strasbourg' },
    persona: {
      label: 'Karim Haddad — étudiant, date de fin impossible',
      description:
        'Connu du MESRI seulement (pas boursier); une ancienne admission se termine le 2021-06-31, comme dans les données réelles. INE 070512345HK.',
    },
    student: {
      ine: '070512345HK',
      admissions: [
        { dateDebut: '2025-09-01', dateFin: '2026-08-31', estInscrit: true, regime: 'RF2', codeCommune: '67482', uai: '0673021V', nomEtablissement: 'Université de Strasbourg' },
        { dateDebut: '2020-09-01', dateFin: '2021-06-31', estInscrit: true, regime: 'RF1', codeCommune: '67482', uai: '0673021V', nomEtablissement: 'Université de Strasbourg' },
      ],
    },
  },
  {
    id: 'ines-guerin',
    nomNaissance: 'GUERIN',
    prenoms: ['INES'],
    sexe: 'F',
    dateNaissance: '2004-12-02',
    paysNaissance: FRANCE,
    communeNaissance: { code: '38185', nom: 'Grenoble' },
    persona: {
      label: 'Inès Guérin — étudiante boursière échelon 7',
      description: 'Étudiante à Grenoble, boursière CNOUS échelon 7; INE 2104567891X.',
    },
    student: {
      ine: '2104567891X',
      admissions: [
        { dateDebut: '2025-09-01', dateFin: '2026-08-31', estInscrit: true, regime: 'RF1', codeCommune: '38421', uai: '0383546Y', nomEtablissement: 'Université Grenoble Alpes' },
      ],
    },
    scholarship: {
      ine: '2104567891X',
      echelon: '7',
      dateRentree: '2025-09-01',
      dureeMois: 10,
      nomEtablissement: 'Université Grenoble Alpes',
      communeEtablissement: 'Saint-Martin-d’Hères',
      email: 'ines.guerin@etu.example.fr',
    },
  },

  // --- Demandeurs d'emploi.
  {
    id: 'marc-chevalier',
    nomNaissance: 'CHEVALIER',
    prenoms: ['MARC', 'ANTOINE'],
    sexe: 'M',
    dateNaissance: '1979-09-09',
    paysNaissance: FRANCE,
    communeNaissance: { code: '59350', nom: 'Lille' },
    numeroFiscal: '1122334455667',
    persona: {
      label: 'Marc Chevalier — demandeur d’emploi indemnisé',
      description: 'Inscrit à France Travail (catégorie 1, identifiant 3141592B) avec trois versements d’allocations.',
    },
    franceTravail: {
      identifiant: '3141592B',
      email: 'marc.chevalier@example.fr',
      telephone: '0320000000',
      adresse: { ligneVoie: '5 RUE NATIONALE', codePostal: '59000', codeCommune: '59350', localite: '59000 LILLE' },
      inscription: { dateDebut: '2025-03-01', dateFin: null, categorie: 1 },
      paiements: [
        { date: '2025-09-01', allocations: 1234.5, aides: 0, autres: 0 },
        { date: '2025-10-01', allocations: 1234.5, aides: 150, autres: 0 },
        { date: '2025-11-01', allocations: 1234.5, aides: 0, autres: 12.3 },
      ],
    },
  },
  {
    id: 'isabelle-perrin',
    nomNaissance: 'PERRIN',
    prenoms: ['ISABELLE'],
    sexe: 'F',
    dateNaissance: '1968-12-01',
    paysNaissance: FRANCE,
    communeNaissance: { code: '34172', nom: 'Montpellier' },
    numeroFiscal: '1122334455668',
    persona: {
      label: 'Isabelle Perrin — désinscrite de France Travail, C2S',
      description: 'Inscription France Travail close (identifiant 2718281C, un dernier versement); C2S avec participation.',
    },
    franceTravail: {
      identifiant: '2718281C',
      email: null,
      telephone: '0467000000',
      adresse: { ligneVoie: '8 PLACE DE LA COMEDIE', codePostal: '34000', codeCommune: '34172', localite: '34000 MONTPELLIER' },
      inscription: { dateDebut: '2024-01-15', dateFin: '2025-06-30', categorie: 2 },
      paiements: [{ date: '2025-06-01', allocations: 890, aides: 0, autres: 0 }],
    },
    benefits: { c2s: { since: '2025-07-01', participation: true } },
  },

  // --- Personne inconnue partout.
  {
    id: 'gaspard-nullepart',
    nomNaissance: 'NULLEPART',
    prenoms: ['GASPARD'],
    sexe: 'M',
    dateNaissance: '1995-05-05',
    paysNaissance: FRANCE,
    communeNaissance: { code: '75115', nom: 'Paris 15e Arrondissement' },
    persona: {
      label: 'Gaspard Nullepart — inconnu partout',
      description: 'Aucune administration ne le connaît: chaque source répond « non trouvé ».',
    },
  },

  // --- Homonymes: même nom, mêmes prénoms, même année de naissance.
  {
    id: 'jean-martel-nantes',
    nomNaissance: 'MARTEL',
    prenoms: ['JEAN'],
    sexe: 'M',
    dateNaissance: '1980-04-10',
    paysNaissance: FRANCE,
    communeNaissance: { code: '44109', nom: 'Nantes' },
    numeroFiscal: '2020202020201',
    persona: {
      label: 'Jean Martel (vit à Nantes) — homonyme',
      description:
        'Homonyme de Jean Martel (vit à Brest), né à Nantes la même année; allocataire CNAF seul (QF 1200). Sans mois de naissance, la CNAV ne peut pas les départager.',
    },
    benefits: {},
  },
  {
    id: 'jean-martel-brest',
    nomNaissance: 'MARTEL',
    prenoms: ['JEAN'],
    sexe: 'M',
    dateNaissance: '1980-11-03',
    paysNaissance: FRANCE,
    communeNaissance: { code: '44109', nom: 'Nantes' },
    persona: {
      label: 'Jean Martel (vit à Brest) — homonyme',
      description:
        'Homonyme du précédent; demandeur d’emploi (identifiant 1618033D), sans dossier CAF mais connu de la CNAV (aucune prestation).',
    },
    benefits: {},
    franceTravail: {
      identifiant: '1618033D',
      email: 'jean.martel@example.fr',
      telephone: '0298000000',
      adresse: { ligneVoie: '2 RUE DE SIAM', codePostal: '29200', codeCommune: '29019', localite: '29200 BREST' },
      inscription: { dateDebut: '2025-10-01', dateFin: null, categorie: 3 },
      paiements: [{ date: '2025-11-01', allocations: 640.25, aides: 0, autres: 0 }],
    },
  },

  // --- Autres situations CNAV / DGFIP.
  {
    id: 'bernard-vidal',
    nomNaissance: 'VIDAL',
    prenoms: ['BERNARD'],
    sexe: 'M',
    dateNaissance: '1965-02-17',
    paysNaissance: FRANCE,
    communeNaissance: MARSEILLE,
    numeroFiscal: '1313131313131',
    persona: {
      label: 'Bernard Vidal — bénéficiaire de l’AAH',
      description: 'Allocataire CNAF seul (QF 900), AAH depuis 2019.',
    },
    benefits: { aah: { since: '2019-03-01' } },
  },
  {
    id: 'camille-renaud',
    nomNaissance: 'RENAUD',
    prenoms: ['CAMILLE'],
    sexe: 'F',
    dateNaissance: '1996-07-30',
    paysNaissance: FRANCE,
    communeNaissance: { code: '75118', nom: 'Paris 18e Arrondissement' },
    numeroFiscal: '1818181818181',
    persona: {
      label: 'Camille Renaud — prime d’activité',
      description: 'Salariée à temps partiel, allocataire CNAF seule (QF 620), prime d’activité sans majoration.',
    },
    benefits: { primeActivite: { since: '2024-02-01', majoration: false } },
  },
  {
    id: 'marcel-boyer',
    nomNaissance: 'BOYER',
    prenoms: ['MARCEL', 'HENRI'],
    sexe: 'M',
    dateNaissance: '1950-10-12',
    paysNaissance: FRANCE,
    communeNaissance: { code: '24322', nom: 'Périgueux' },
    numeroFiscal: '2424242424241',
    persona: {
      label: 'Marcel Boyer — retraité agricole MSA',
      description: 'Allocataire MSA seul (QF 1450), imposable.',
    },
    benefits: {},
  },
  {
    id: 'helene-caron',
    nomNaissance: 'CARON',
    prenoms: ['HELENE'],
    sexe: 'F',
    dateNaissance: '1972-01-15',
    paysNaissance: FRANCE,
    communeNaissance: { code: '62498', nom: 'Lens' },
    numeroFiscal: '2626262626261',
    persona: {
      label: 'Hélène Caron — avis rectificatif, situation partielle',
      description: 'Avis d’impôt avec erreur correctif et situation partielle (veuvage en cours d’année).',
    },
  },
  {
    id: 'nicolas-meunier',
    nomNaissance: 'MEUNIER',
    prenoms: ['NICOLAS'],
    sexe: 'M',
    dateNaissance: '1988-05-05',
    paysNaissance: FRANCE,
    communeNaissance: { code: '21231', nom: 'Dijon' },
    numeroFiscal: '2121212121211',
    persona: {
      label: 'Nicolas Meunier — avis de dégrèvement',
      description: 'Son avis est un avis de dégrèvement: la référence d’avis a 14 caractères.',
    },
  },
  {
    id: 'antoine-leclerc',
    nomNaissance: 'LECLERC',
    prenoms: ['ANTOINE'],
    sexe: 'M',
    dateNaissance: '1999-03-21',
    paysNaissance: FRANCE,
    communeNaissance: { code: '75112', nom: 'Paris 12e Arrondissement' },
    numeroFiscal: '1212121212121',
    persona: {
      label: 'Antoine Leclerc — jeune actif, DGFIP seulement',
      description: 'Célibataire imposable, connu de la seule DGFIP.',
    },
  },
  {
    id: 'yvette-marchand',
    nomNaissance: 'MARCHAND',
    prenoms: ['YVETTE'],
    sexe: 'F',
    dateNaissance: '1958-02-28',
    paysNaissance: FRANCE,
    communeNaissance: { code: '22278', nom: 'Saint-Brieuc' },
    persona: {
      label: 'Yvette Marchand — C2S sans dossier CAF',
      description: 'Bénéficiaire de la C2S avec participation; aucun dossier CAF ou MSA (quotient familial non trouvé).',
    },
    benefits: { c2s: { since: '2024-05-01', participation: true } },
  },
];

const taxHouseholds: TaxHousehold[] = [
  household('2569123456701', ['julien-lambert', 'sophie-lambert'], ['emma-lambert', 'hugo-lambert'], {
    adresse: '12 RUE DES LILAS 69003 LYON', situationFamille: 'Marié(e)s', nombreParts: 3,
    revenuBrutGlobal: 58200, revenuImposable: 58200, revenuFiscalReference: 58200, impot: 2310,
  }),
  household('2512345098761', ['thierry-gauthier', 'nathalie-gauthier'], ['lucas-gauthier'], {
    adresse: 'LIEU-DIT LA BORIE 12000 RODEZ', situationFamille: 'Marié(e)s', nombreParts: 2.5,
    revenuBrutGlobal: 31400, revenuImposable: 31400, revenuFiscalReference: 31400, impot: 420,
  }),
  household('2524567890123', ['amina-bensalem'], ['yanis-bensalem'], {
    adresse: '3 BOULEVARD NATIONAL 13003 MARSEILLE', situationFamille: 'Célibataire', nombreParts: 2,
    revenuBrutGlobal: 9800, revenuImposable: 9800, revenuFiscalReference: 9800, impot: null,
  }),
  household('2519876543210', ['moussa-diallo', 'fatou-diallo'], ['awa-diallo', 'ibrahima-diallo', 'mariam-diallo'], {
    adresse: '21 AVENUE PAUL ELUARD 93200 SAINT-DENIS', situationFamille: 'Marié(e)s', nombreParts: 4,
    revenuBrutGlobal: 27600, revenuImposable: 27600, revenuFiscalReference: 27600, impot: null,
  }),
  household('2522334455667', ['olivier-brunet', 'sandrine-brunet'], ['theo-brunet'], {
    adresse: '7 RUE DE LA MONNAIE 35000 RENNES', situationFamille: 'Marié(e)s', nombreParts: 3,
    revenuBrutGlobal: 49800, revenuImposable: 49800, revenuFiscalReference: 49800, impot: 1250,
  }),
  household('2530987654321', ['manon-blanchard', 'kevin-tessier'], ['jade-tessier'], {
    adresse: '14 RUE DU TAUR 31000 TOULOUSE', situationFamille: 'Pacsé(e)s', nombreParts: 2.5,
    revenuBrutGlobal: 61500, revenuImposable: 61500, revenuFiscalReference: 61500, impot: 3890,
  }),
  household('2511223344556', ['marc-chevalier'], [], {
    adresse: '5 RUE NATIONALE 59000 LILLE', situationFamille: 'Célibataire', nombreParts: 1,
    revenuBrutGlobal: 21900, revenuImposable: 21900, revenuFiscalReference: 21900, impot: 980,
  }),
  household('2511223344557', ['isabelle-perrin'], [], {
    adresse: '8 PLACE DE LA COMEDIE 34000 MONTPELLIER', situationFamille: 'Divorcé(e)', nombreParts: 1,
    revenuBrutGlobal: 14200, revenuImposable: 14200, revenuFiscalReference: 14200, impot: null,
  }),
  household('2520202020202', ['jean-martel-nantes'], [], {
    adresse: '4 QUAI DE LA FOSSE 44000 NANTES', situationFamille: 'Célibataire', nombreParts: 1,
    revenuBrutGlobal: 24500, revenuImposable: 24500, revenuFiscalReference: 24500, impot: 1190,
  }),
  household('2513131313131', ['bernard-vidal'], [], {
    adresse: '40 RUE DE ROME 13001 MARSEILLE', situationFamille: 'Célibataire', nombreParts: 1.5,
    revenuBrutGlobal: 11800, revenuImposable: 11800, revenuFiscalReference: 11800, impot: null,
  }),
  household('2518181818181', ['camille-renaud'], [], {
    adresse: '9 RUE CUSTINE 75018 PARIS', situationFamille: 'Célibataire', nombreParts: 1,
    revenuBrutGlobal: 16400, revenuImposable: 16400, revenuFiscalReference: 16400, impot: 96,
  }),
  household('2524242424242', ['marcel-boyer'], [], {
    adresse: '2 PLACE DE LA CLAUTRE 24000 PERIGUEUX', situationFamille: 'Veuf(ve)', nombreParts: 1.5,
    revenuBrutGlobal: 29300, revenuImposable: 26400, revenuFiscalReference: 26400, impot: 1020,
  }),
  household('2526262626262', ['helene-caron'], [], {
    adresse: '11 RUE DE LA GARE 62300 LENS', situationFamille: 'Veuf(ve)', nombreParts: 1,
    revenuBrutGlobal: 19700, revenuImposable: 19700, revenuFiscalReference: 19700, impot: 640,
    erreurCorrectif: 'Avis rectificatif: remplace l’avis initial du 08/07/2025',
    situationPartielle: 'Situation partielle: du 01/01/2024 au 14/05/2024',
  }),
  household('25212121212110', ['nicolas-meunier'], [], {
    adresse: '6 RUE DES FORGES 21000 DIJON', situationFamille: 'Célibataire', nombreParts: 1,
    revenuBrutGlobal: 33100, revenuImposable: 33100, revenuFiscalReference: 33100, impot: 0,
  }),
  household('2512121212121', ['antoine-leclerc'], [], {
    adresse: '30 AVENUE DAUMESNIL 75012 PARIS', situationFamille: 'Célibataire', nombreParts: 1,
    revenuBrutGlobal: 38700, revenuImposable: 38700, revenuFiscalReference: 38700, impot: 3420,
  }),
];

function household(
  referenceAvis: string,
  declarants: [string] | [string, string],
  dependents: string[],
  notice: {
    adresse: string;
    situationFamille: string;
    nombreParts: number;
    revenuBrutGlobal: number;
    revenuImposable: number;
    revenuFiscalReference: number;
    impot: number | null;
    erreurCorrectif?: string;
    situationPartielle?: string;
  },
): TaxHousehold {
  const { impot, ...rest } = notice;
  return {
    referenceAvis,
    declarants,
    dependents,
    ...rest,
    impotRevenuNetAvantCorrections: impot,
    montantImpot: impot,
    anneeImpots: 2025,
    dateEtablissement: '09/07/2025',
    dateRecouvrement: '31/07/2025',
  };
}

const families: Family[] = [
  { id: 'caf-lambert', provider: 'CNAF', allocataires: ['julien-lambert', 'sophie-lambert'], enfants: ['emma-lambert', 'hugo-lambert'], quotientFamilial: 780, adresse: { numeroLibelleVoie: '12 RUE DES LILAS', codePostalVille: '69003 LYON' } },
  { id: 'msa-gauthier', provider: 'MSA', allocataires: ['thierry-gauthier', 'nathalie-gauthier'], enfants: ['lucas-gauthier'], quotientFamilial: 540, adresse: { numeroLibelleVoie: 'LA BORIE', codePostalVille: '12000 RODEZ' } },
  { id: 'caf-bensalem', provider: 'CNAF', allocataires: ['amina-bensalem'], enfants: ['yanis-bensalem'], quotientFamilial: 310, adresse: { numeroLibelleVoie: '3 BOULEVARD NATIONAL', codePostalVille: '13003 MARSEILLE', complement: 'APPARTEMENT 12' } },
  { id: 'caf-diallo', provider: 'CNAF', allocataires: ['fatou-diallo', 'moussa-diallo'], enfants: ['awa-diallo', 'ibrahima-diallo', 'mariam-diallo'], quotientFamilial: 410, adresse: { numeroLibelleVoie: '21 AVENUE PAUL ELUARD', codePostalVille: '93200 SAINT-DENIS' } },
  { id: 'caf-brunet', provider: 'CNAF', allocataires: ['olivier-brunet', 'sandrine-brunet'], enfants: ['theo-brunet'], quotientFamilial: 960, adresse: { numeroLibelleVoie: '7 RUE DE LA MONNAIE', codePostalVille: '35000 RENNES' } },
  { id: 'caf-blanchard', provider: 'CNAF', allocataires: ['manon-blanchard', 'kevin-tessier'], enfants: ['jade-tessier'], quotientFamilial: 1340, adresse: { numeroLibelleVoie: '14 RUE DU TAUR', codePostalVille: '31000 TOULOUSE' } },
  { id: 'caf-martel', provider: 'CNAF', allocataires: ['jean-martel-nantes'], enfants: [], quotientFamilial: 1200, adresse: { numeroLibelleVoie: '4 QUAI DE LA FOSSE', codePostalVille: '44000 NANTES' } },
  { id: 'caf-vidal', provider: 'CNAF', allocataires: ['bernard-vidal'], enfants: [], quotientFamilial: 900, adresse: { numeroLibelleVoie: '40 RUE DE ROME', codePostalVille: '13001 MARSEILLE' } },
  { id: 'caf-renaud', provider: 'CNAF', allocataires: ['camille-renaud'], enfants: [], quotientFamilial: 620, adresse: { numeroLibelleVoie: '9 RUE CUSTINE', codePostalVille: '75018 PARIS' } },
  { id: 'msa-boyer', provider: 'MSA', allocataires: ['marcel-boyer'], enfants: [], quotientFamilial: 1450, adresse: { numeroLibelleVoie: '2 PLACE DE LA CLAUTRE', codePostalVille: '24000 PERIGUEUX' } },
];

export const world: World = { citizens: citizens.map((c) => ({ ...c, ...serviceRecords[c.id] })), taxHouseholds, families };
