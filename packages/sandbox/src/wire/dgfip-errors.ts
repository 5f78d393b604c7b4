import type { Answer } from './answer.js';

/**
 * DGFIP v2 (`/api/v2/avis-imposition`) errors are flat `{error, reason, message}` bodies
 * (docs/contract.md#upstreams); the texts below are those of the retired route's staging cases.
 */
export function dgfipError(status: number, error: string, reason: string, message = reason): Answer {
  return { status, body: { error, reason, message } };
}

export function dgfipErrorForStatus(status: number): Answer {
  switch (status) {
    case 400:
      return dgfipError(400, 'bad_request', 'Les paramètres fournis sont incorrects');
    case 401:
      return dgfipError(401, 'unauthorized', "Votre jeton n'est pas valide ou n'est pas renseigné");
    case 404:
      return dgfipError(404, 'not_found', 'Les paramètres fournis sont incorrects ou ne correspondent pas à un avis');
    case 429:
      return dgfipError(429, 'too_many_requests', 'Vous avez effectué trop de requêtes');
    case 502:
      return dgfipError(
        502,
        'provider_unknown_error',
        'La réponse retournée par le fournisseur de données est invalide et inconnue de notre service.',
      );
    case 503:
    case 504:
      return dgfipError(
        status,
        'network_error',
        'timeout of 10000 ms exceeded',
        "Une erreur est survenue lors de l'appel au fournisseur de donnée",
      );
    case 509:
      return dgfipError(
        509,
        'rate_limited',
        'DGFIP error rate limit exceeded',
        "Le fournisseur de donnée a rejeté la demande en raison d'un trop grand nombre d'échecs antérieurs.",
      );
    default:
      return dgfipError(status, 'error', 'Internal server error', "Une erreur interne s'est produite, l'équipe a été prévenue.");
  }
}
