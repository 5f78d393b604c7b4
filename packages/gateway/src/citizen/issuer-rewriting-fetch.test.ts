import { describe, expect, it } from '@jest/globals';
import { issuerRewritingFetch } from './issuer-rewriting-fetch.js';

describe('issuerRewritingFetch', () => {
  const seen: string[] = [];
  const fake = ((url: string) => {
    seen.push(url);
    return Promise.resolve(new Response('{}'));
  }) as unknown as typeof fetch;
  const rewrite = issuerRewritingFetch('http://localhost:4000/sandbox/idp/', 'http://sandbox:4010/idp', fake);
  const options = { body: undefined, headers: {}, method: 'GET', redirect: 'manual' as const };

  it('sends what is under the issuer to the internal address, the rest unchanged', async () => {
    seen.length = 0;
    for (const url of [
      'http://localhost:4000/sandbox/idp/.well-known/openid-configuration',
      'http://localhost:4000/sandbox/idp/token',
      'http://localhost:4000/sandbox/idp',
      'http://localhost:4000/sandbox/idpx/token',
      'https://elsewhere.example/jwks',
    ]) await rewrite(url, options);
    expect(seen).toEqual([
      'http://sandbox:4010/idp/.well-known/openid-configuration',
      'http://sandbox:4010/idp/token',
      'http://sandbox:4010/idp',
      'http://localhost:4000/sandbox/idpx/token',
      'https://elsewhere.example/jwks',
    ]);
  });
});
