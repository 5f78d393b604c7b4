// Public surface of the citizen space (`/me`).
export { createCitizenSpace, type CitizenSpace, type CitizenSpaceDeps, type CitizenSession } from './citizen-space.js';
export type { AccessLogReader, OperatorDirectory } from './access-log-reader.js';
export type { CitizenSpaceLink } from './home-page.js';
export { identityFromClaims } from './identity-from-claims.js';
export { CitizenLoginError, type CitizenLoginErrorCode } from './citizen-login-error.js';
export { storeAccessLog, storeOperatorDirectory } from './store-access-log.js';
