// Public surface of the sandbox identity provider.
export { createIdp } from './create-idp.js';
export type { Idp, IdpOptions } from './create-idp.js';
export { subjectForIdentity } from './subject-for-identity.js';
export { identityClaims } from './identity-claims.js';
export type { IdentityClaims } from './identity-claims.js';
