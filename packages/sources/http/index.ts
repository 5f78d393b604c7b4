export { createUpstreamClient, type UpstreamClient, type UpstreamClientOptions } from './create-upstream-client.js';
export { encodeQuery, type UpstreamQuery } from './encode-query.js';
export { translateUpstreamError, type UpstreamErrorFormat } from './translate-upstream-error.js';
export { parseRetryAfter } from './parse-retry-after.js';
