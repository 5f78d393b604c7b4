import { CitizenLoginError } from './citizen-login-error.js';
import { renderMessagePage } from './message-page.js';

/** The French page for a failed login (status and HTML); rethrows anything that is not a login error. */
export function loginFailurePage(error: unknown, retry: { href: string; label: string }): { status: number; html: string } {
  if (!(error instanceof CitizenLoginError)) throw error;
  if (error.code === 'idp_unavailable') {
    return { status: 502, html: renderMessagePage('Connexion impossible pour le moment', 'Le service d’identification ne répond pas correctement. Réessayez dans quelques minutes.', retry) };
  }
  if (error.code === 'identity_incomplete') {
    return { status: 502, html: renderMessagePage('Connexion impossible', 'Le service d’identification n’a pas transmis toute l’identité nécessaire pour vous reconnaître (nom, prénoms, sexe, date et lieu de naissance).', retry) };
  }
  return { status: 401, html: renderMessagePage('Connexion refusée', 'La réponse du service d’identification n’a pas pu être vérifiée. Recommencez la connexion.', retry) };
}
