import { identityClaims } from './identity-claims.js';
import type { Login, UserinfoClaims } from './idp-state.js';
import { subjectForIdentity } from './subject-for-identity.js';

/**
 * The claims describing the citizen, shared by the ID token and `/userinfo`: `sub`,
 * FranceConnect's identity claims and, for personas only, `sandbox_identifiers` (non-standard;
 * the hub uses it in sandbox mode to prefill the identifiers of the consent form).
 */
export function loginClaims(login: Login): UserinfoClaims {
  return {
    sub: subjectForIdentity(login.identity),
    ...identityClaims(login.identity),
    ...(login.identifiers ? { sandbox_identifiers: login.identifiers } : {}),
  };
}
