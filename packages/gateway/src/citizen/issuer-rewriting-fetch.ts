import type { CustomFetch } from 'openid-client';

/**
 * A fetch for openid-client that sends every request under `issuer` to the same path under
 * `internalUrl`, others unchanged: the hub reaches a provider whose issuer address only browsers
 * can reach (docker-compose: `http://localhost:4000/sandbox/idp` is `http://sandbox:4010/idp`
 * inside the network). Only the address changes: the issuer string, and openid-client's checks
 * against it (discovery, `iss` of ID tokens), stay as they are.
 */
export function issuerRewritingFetch(issuer: string, internalUrl: string, fetchImpl: typeof fetch = fetch): CustomFetch {
  const from = issuer.replace(/\/+$/, '');
  const to = internalUrl.replace(/\/+$/, '');
  return (url, options) => {
    const under = url === from || url.startsWith(`${from}/`) || url.startsWith(`${from}?`);
    return fetchImpl(under ? `${to}${url.slice(from.length)}` : url, options as RequestInit);
  };
}
