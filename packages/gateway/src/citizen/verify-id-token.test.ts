import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, UnsecuredJWT, type CryptoKey, type JWK } from 'jose';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { CitizenLoginError } from './citizen-login-error.js';
import { verifyIdToken } from './verify-id-token.js';

const ISSUER = 'https://idp.example/fc';
const CLIENT = 'particulier-hub';
const NONCE = 'n-0123456789abcdef0123456789';
const NOW = Date.UTC(2025, 5, 1, 12);

let privateKey: CryptoKey;
let keys: ReturnType<typeof createLocalJWKSet>;
let jwk: JWK;

beforeAll(async () => {
  const pair = await generateKeyPair('ES256');
  privateKey = pair.privateKey;
  jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256' };
  keys = createLocalJWKSet({ keys: [jwk] });
});

type Claims = { iss?: string; aud?: string | string[]; nonce?: string | undefined; exp?: number; azp?: string };

function sign(claims: Claims = {}, key: CryptoKey = privateKey): Promise<string> {
  const iat = Math.floor(NOW / 1000);
  const body: Record<string, unknown> = { given_name: 'X' };
  if (!('nonce' in claims)) body['nonce'] = NONCE;
  else if (claims.nonce !== undefined) body['nonce'] = claims.nonce;
  if (claims.azp) body['azp'] = claims.azp;
  return new SignJWT(body)
    .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
    .setIssuer(claims.iss ?? ISSUER)
    .setAudience(claims.aud ?? CLIENT)
    .setSubject('sub-1')
    .setIssuedAt(iat)
    .setExpirationTime(claims.exp ?? iat + 600)
    .sign(key);
}

async function reason(token: string): Promise<string> {
  const error = await verifyIdToken(token, keys, { issuer: ISSUER, clientId: CLIENT, nonce: NONCE, now: NOW }).then(
    () => { throw new Error('expected a refusal'); },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CitizenLoginError);
  expect((error as CitizenLoginError).code).toBe('id_token_invalid');
  return (error as CitizenLoginError).reason;
}

describe('verifyIdToken', () => {
  it('returns the claims of a well-formed token', async () => {
    const payload = await verifyIdToken(await sign(), keys, { issuer: ISSUER, clientId: CLIENT, nonce: NONCE, now: NOW });
    expect(payload).toMatchObject({ sub: 'sub-1', given_name: 'X', nonce: NONCE });
  });

  it('refuses another audience, issuer, nonce, a missing nonce and an expired token', async () => {
    expect(await reason(await sign({ aud: 'someone-else' }))).toContain('aud');
    expect(await reason(await sign({ iss: 'https://evil.example' }))).toContain('iss');
    expect(await reason(await sign({ nonce: 'n-another-nonce-of-some-length' }))).toBe('nonce mismatch');
    expect(await reason(await sign({ nonce: undefined }))).toContain('nonce');
    expect(await reason(await sign({ exp: Math.floor(NOW / 1000) - 120 }))).toContain('ERR_JWT_EXPIRED');
  });

  it('refuses several audiences unless azp names us', async () => {
    expect(await reason(await sign({ aud: [CLIENT, 'other'] }))).toBe('azp mismatch');
    const ok = await verifyIdToken(await sign({ aud: [CLIENT, 'other'], azp: CLIENT }), keys, { issuer: ISSUER, clientId: CLIENT, nonce: NONCE, now: NOW });
    expect(ok.azp).toBe(CLIENT);
  });

  it('refuses another key, alg none and HS256 signed with the public key', async () => {
    const other = await generateKeyPair('ES256');
    expect(await reason(await sign({}, other.privateKey))).toContain('ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
    const unsecured = new UnsecuredJWT({ nonce: NONCE }).setIssuer(ISSUER).setAudience(CLIENT).setSubject('s').setIssuedAt().setExpirationTime('10m').encode();
    expect(await reason(unsecured)).toMatch(/ERR_JOSE_ALG_NOT_ALLOWED|ERR_JWS_INVALID/);
    const hmacKey = new TextEncoder().encode(JSON.stringify(jwk));
    const hs = await new SignJWT({ nonce: NONCE }).setProtectedHeader({ alg: 'HS256', kid: 'k1' }).setIssuer(ISSUER).setAudience(CLIENT)
      .setSubject('s').setIssuedAt(Math.floor(NOW / 1000)).setExpirationTime(Math.floor(NOW / 1000) + 600).sign(hmacKey);
    expect(await reason(hs)).toContain('ERR_JOSE_ALG_NOT_ALLOWED');
  });
});
