import { compactVerify, createLocalJWKSet, decodeProtectedHeader, type JSONWebKeySet } from 'jose';
import { describeScope } from '@hub/policy';
import { SIGNING_ALG } from '../auth/key-ring.js';

/** `typ` of consent receipts: neither an operator token nor a consent token can pass for one. */
export const CONSENT_RECEIPT_TYPE = 'consent-receipt+jwt';

/**
 * A consent receipt, shaped on ISO/IEC TS 27560 (consent record information structure): who is
 * the controller, for which purpose and legal basis, which categories of data, when, until when,
 * how to withdraw, and the evidence hash. No identity of the citizen: the receipt is theirs to
 * keep and show, and says nothing about them that they did not already know.
 */
export type ConsentReceipt = {
  schema: 'particulier-hub/consent-receipt/v1';
  /** The consent record identifier. */
  recordId: string;
  /** The hub (the record's issuer). */
  issuer: string;
  piiController: { name: string; siret: string };
  purpose: { code: string; text: string; legalBasis: string };
  dataCategories: { scope: string; label: string; description: string; source: string }[];
  /** ISO 8601. */
  consentTime: string;
  expiry: string;
  withdrawal: { method: string; url: string };
  /** `textSha256`: SHA-256 (hex) of the exact text shown; null for consents made without the page (sandbox CLI). */
  evidence: { textSha256: string | null; identityProvider: string | null; authTime: string | null };
};

export type ReceiptInput = {
  consentId: string;
  issuer: string;
  controller: { name: string; siret: string };
  purpose: { code: string; text: string; legalBasis: string };
  scopes: readonly string[];
  consentTime: Date;
  expiry: Date;
  withdrawUrl: string;
  textSha256: string | null;
  identityProvider: string | null;
  authTime: number | null;
};

export function buildReceipt(input: ReceiptInput): ConsentReceipt {
  return {
    schema: 'particulier-hub/consent-receipt/v1',
    recordId: input.consentId,
    issuer: input.issuer,
    piiController: { name: input.controller.name, siret: input.controller.siret },
    purpose: input.purpose,
    dataCategories: input.scopes.map((name) => {
      const w = describeScope(name);
      return { scope: name, label: w.label, description: w.sentence, source: w.administration };
    }),
    consentTime: input.consentTime.toISOString(),
    expiry: input.expiry.toISOString(),
    withdrawal: { method: 'Bouton « Retirer mon accord » de l’espace personnel, rubrique « Mes accords »', url: input.withdrawUrl },
    evidence: {
      textSha256: input.textSha256,
      identityProvider: input.identityProvider,
      authTime: input.authTime !== null ? new Date(input.authTime * 1000).toISOString() : null,
    },
  };
}

export type ReceiptVerification =
  | { valid: true; kid: string; receipt: ConsentReceipt }
  | { valid: false; reason: 'malformed' | 'wrong_type' | 'unsupported_algorithm' | 'unknown_key' | 'bad_signature' | 'bad_payload'; message: string };

/**
 * Verifies a receipt (compact JWS) against a JWKS (the hub's `/.well-known/jwks.json`): ES256,
 * `typ` consent-receipt+jwt, a key of the set, a JSON payload of the receipt's schema.
 */
export async function verifyReceipt(jws: string, jwks: JSONWebKeySet): Promise<ReceiptVerification> {
  const text = jws.trim();
  let header;
  try {
    header = decodeProtectedHeader(text);
  } catch {
    return { valid: false, reason: 'malformed', message: 'not a compact JWS' };
  }
  if (header.alg !== SIGNING_ALG) return { valid: false, reason: 'unsupported_algorithm', message: `algorithm ${String(header.alg)} (expected ${SIGNING_ALG})` };
  if (header.typ !== CONSENT_RECEIPT_TYPE) return { valid: false, reason: 'wrong_type', message: `typ ${String(header.typ)} (expected ${CONSENT_RECEIPT_TYPE})` };
  let payload: Uint8Array;
  try {
    ({ payload } = await compactVerify(text, createLocalJWKSet(jwks), { algorithms: [SIGNING_ALG] }));
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_JWKS_NO_MATCHING_KEY') return { valid: false, reason: 'unknown_key', message: `no published key with kid ${String(header.kid)}` };
    if (code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED') return { valid: false, reason: 'bad_signature', message: 'the signature does not match the content' };
    return { valid: false, reason: 'malformed', message: code ?? 'not a compact JWS' };
  }
  let receipt: ConsentReceipt;
  try {
    receipt = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload)) as ConsentReceipt;
  } catch {
    return { valid: false, reason: 'bad_payload', message: 'the signed content is not JSON' };
  }
  if (receipt?.schema !== 'particulier-hub/consent-receipt/v1' || typeof receipt.recordId !== 'string') {
    return { valid: false, reason: 'bad_payload', message: 'the signed content is not a consent receipt' };
  }
  return { valid: true, kid: String(header.kid), receipt };
}
