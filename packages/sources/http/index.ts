export { createUpstreamClient, type UpstreamClient, type UpstreamClientOptions } from './create-upstream-client.js';
export { encodeQuery, type UpstreamQuery } from './encode-query.js';
export { translateUpstreamError, type UpstreamErrorFormat } from './translate-upstream-error.js';
export { parseRetryAfter } from './parse-retry-after.js';
export { parseWireDate, type WireDateFormat } from './parse-wire-date.js';
export { createUpstreamLoader } from './create-upstream-loader.js';
export { wire } from './wire.js';
export type { IdentityObject } from './identity-object.js';
export type { AddressObject } from './address-object.js';
