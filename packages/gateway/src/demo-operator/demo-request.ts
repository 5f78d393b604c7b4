/**
 * What the demo operator asks for: a school canteen priced on the family quotient, the example the
 * README's first query uses. One declaration, read by `prepareDemo` (the habilitation it grants),
 * by the demo page (the pushed request and the query) and by the tests.
 */
export const DEMO_REQUEST = {
  purposeCode: 'demo-tarification-cantine',
  purpose: 'Tarification de la cantine scolaire selon le quotient familial (démonstration, données fictives)',
  legalBasis: 'Aucun — données fictives, environnement de démonstration',
  scopes: ['identite_pivot', 'cnaf_quotient_familial', 'cnaf_enfants'],
} as const;

/** The demo page's path below the hub's public URL (sandbox mode only). */
export const DEMO_OPERATOR_PATH = '/sandbox/demo-operator';

/** The redirect URI the demo operator registers: the demo page's callback. */
export function demoCallbackUri(publicUrl: string): string {
  return `${publicUrl.replace(/\/+$/, '')}${DEMO_OPERATOR_PATH}/callback`;
}

/** The query the demo operator runs with the consent token. */
export const DEMO_QUERY = `query DemoCantine($consent: String!) {
  person(consent: $consent) {
    identity { birthName usageName firstNames birthDate }
    family { provider familyQuotient { value year month } children { identity { firstNames birthDate } } }
  }
}`;

/** The demo operator's FranceConnect journey, below its page: start, callback (the redirect URI it
 * registers at the sandbox IdP as the sandbox's FranceConnect client) and result. */
export const DEMO_FRANCECONNECT_PATH = `${DEMO_OPERATOR_PATH}/franceconnect`;

/** The redirect URI of the demo operator's FranceConnect client. */
export function demoFranceConnectCallbackUri(publicUrl: string): string {
  return `${publicUrl.replace(/\/+$/, '')}${DEMO_FRANCECONNECT_PATH}/callback`;
}

/** The same query in FranceConnect mode: the citizen's FranceConnect access token is the consent. */
export const DEMO_FRANCECONNECT_QUERY = DEMO_QUERY
  .replace('DemoCantine($consent: String!)', 'DemoCantineFranceConnect($token: String!)')
  .replace('person(consent: $consent)', 'person(franceConnectToken: $token)');
