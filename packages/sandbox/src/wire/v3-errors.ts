import type { Answer } from './answer.js';

/**
 * API Particulier v3 error bodies: `{errors:[{code,title,detail,source,meta}]}` with 5-digit
 * codes. Generic codes start with 00; provider codes with the provider's 2-digit prefix, then
 * 001 (unavailable), 002 (timeout), 003 (not found), 999 (unknown answer), as in the OpenAPI
 * examples and the staging cases.
 */
export type ApiError = {
  code: string;
  title: string;
  detail: string;
  source: { parameter: string } | null;
  meta: Record<string, unknown>;
};

export type V3Provider = {
  /** `meta.provider` as API Particulier spells it. */
  name: 'CNAV' | 'France Travail' | 'MESRI' | 'CNOUS' | 'MEN' | 'DSNJ' | 'GIP-MDS' | 'SDH' | 'ANTS';
  prefix: '37' | '24' | '25' | '26' | '30' | '39' | '31' | '42';
  notFound: { title: string; detail: string };
};

export const v3Providers = {
  cnav: {
    name: 'CNAV',
    prefix: '37',
    notFound: { title: 'Entité non trouvée', detail: "Le dossier allocataire n'a pas été trouvé auprès de la CNAV." },
  },
  franceTravail: {
    name: 'France Travail',
    prefix: '24',
    notFound: {
      title: 'Entité non trouvée',
      detail: "Aucune situation France Travail n'a pu être trouvée avec les critères de recherche fournis.",
    },
  },
  mesri: {
    name: 'MESRI',
    prefix: '25',
    notFound: { title: 'Entité non trouvée', detail: "Aucun étudiant n'a pu être trouvé avec les critères de recherche fournis." },
  },
  cnous: {
    name: 'CNOUS',
    prefix: '26',
    notFound: {
      title: 'Entité non trouvée',
      detail: "Aucun étudiant boursier n'a pu être trouvé avec les critères de recherche fournis.",
    },
  },
  men: {
    name: 'MEN',
    prefix: '30',
    notFound: { title: 'Entité non trouvée', detail: "Aucun élève n'a pu être trouvé avec les critères de recherche fournis." },
  },
  // Prefixes and wording from the staging cases of each route.
  dsnj: {
    name: 'DSNJ',
    prefix: '39',
    notFound: {
      title: 'Entité non trouvée',
      detail: "Le siret ou siren indiqué n'existe pas, n'est pas connu ou ne comporte aucune information pour cet appel. Veuillez vérifier que l'identifiant correspond au périmètre couvert par l'API.",
    },
  },
  gipMds: {
    name: 'GIP-MDS',
    prefix: '31',
    notFound: {
      title: 'Entité non trouvée',
      detail: "Le ou les paramètre(s) d'entrée n'existent pas, ne sont pas connus, ou ne comportent aucune information pour cet appel. Veuillez vérifier que votre recherche est couverte par le périmètre de l'API.",
    },
  },
  sdh: {
    name: 'SDH',
    prefix: '37',
    notFound: { title: 'Entité non trouvée', detail: "Aucun statut sportif n'a pu être trouvé avec les critères de recherche fournis." },
  },
  ants: {
    name: 'ANTS',
    prefix: '42',
    notFound: {
      title: 'Entité non trouvée',
      detail: "Le ou les paramètre(s) d'entrée n'existent pas, ne sont pas connus, ou ne comportent aucune information pour cet appel. Veuillez vérifier que votre recherche est couverte par le périmètre de l'API.",
    },
  },
} as const satisfies Record<string, V3Provider>;

export function v3Error(status: number, error: Omit<ApiError, 'source' | 'meta'> & Partial<ApiError>): Answer {
  return { status, body: { errors: [{ source: null, meta: {}, ...error }] } };
}

export function invalidToken(): Answer {
  return v3Error(401, {
    code: '00101',
    title: 'Interdit',
    detail: "Votre token n'est pas valide ou n'est pas renseigné",
    source: { parameter: 'token' },
  });
}

export function missingRecipient(): Answer {
  return v3Error(422, {
    code: '00203',
    title: 'Entité non traitable',
    detail: 'Le paramètre recipient est obligatoire',
    source: { parameter: 'recipient' },
  });
}

export function invalidRecipient(): Answer {
  return v3Error(422, {
    code: '00210',
    title: 'Entité non traitable',
    detail: "Le paramètre recipient n'est pas un numéro de SIRET valide",
    source: { parameter: 'recipient' },
  });
}

export function malformedCivility(): Answer {
  return v3Error(422, {
    code: '00366',
    title: 'Entité non traitable',
    detail: 'Un ou plusieurs paramètres de civilité ne sont pas correctement formatés',
  });
}

export function missingSex(): Answer {
  return v3Error(422, { code: '00427', title: 'Entité non traitable', detail: "Le sexe de l'état civil est manquant" });
}

export function malformedIne(): Answer {
  return v3Error(422, { code: '00360', title: 'Entité non traitable', detail: "Le numéro d'INE n'est pas correctement formatté" });
}

export function missingIdentifier(): Answer {
  return v3Error(422, { code: '00380', title: 'Entité non traitable', detail: "L'identifiant est manquant" });
}

export function exclusivePerimeter(): Answer {
  return v3Error(422, {
    code: '00419',
    title: 'Entité non traitable',
    detail: 'Les paramètres codeEtablissement et périmètre (codesBcnRegions/codesBcnDepartements) sont mutuellement exclusifs',
  });
}

export function notFound(provider: V3Provider): Answer {
  return v3Error(404, { code: `${provider.prefix}003`, ...provider.notFound, meta: { provider: provider.name } });
}

/** The body API Particulier sends for a given status, used by fault injection. */
export function v3ErrorForStatus(provider: V3Provider, status: number): Answer {
  const meta = { provider: provider.name };
  switch (status) {
    case 401:
      return invalidToken();
    case 403:
      return v3Error(403, {
        code: '00100',
        title: 'Privilèges insuffisants',
        detail: 'Votre token est valide mais vos privilèges sont insuffisants. Listez vos privilèges sur /api/introspect',
        source: { parameter: 'token' },
      });
    case 404:
      return notFound(provider);
    case 409:
      return v3Error(409, {
        code: '00015',
        title: 'Conflit',
        detail:
          "Une requête associé à votre jeton est déjà en cours de traitement pour ces paramètres. Veuillez attendre la fin du traitement avant d'effectuer une nouvelle requête.",
      });
    case 422:
      return malformedCivility();
    case 429:
      return v3Error(429, { code: '00429', title: 'Trop de requêtes', detail: 'Vous avez effectué trop de requêtes' });
    case 503:
      return v3Error(503, {
        code: `${provider.prefix}001`,
        title: 'Service non disponible',
        detail: 'Service du fournisseur de données temporairement indisponible ou en maintenance.',
        meta,
      });
    case 504:
      return v3Error(504, {
        code: `${provider.prefix}002`,
        title: 'Intermédiaire hors-délai',
        detail: 'Temps d’attente d’une réponse du fournisseur de données écoulé.',
        meta,
      });
    default:
      return v3Error(status, {
        code: `${provider.prefix}999`,
        title: 'Erreur inconnue du fournisseur de données',
        detail:
          "La réponse retournée par le fournisseur de données est invalide et inconnue de notre service. L'équipe technique a été notifiée de cette erreur pour investigation.",
        meta,
      });
  }
}
