import { readFile } from 'node:fs/promises';
import { formatResult, verifyReceipt } from '@hub/gateway';
type JSONWebKeySet = Parameters<typeof verifyReceipt>[1];
import { UsageError } from './cli-error.js';

export type ConsentVerifyInput = {
  /** Path of the receipt (the compact JWS downloaded from /me/consents). */
  file: string;
  /** `--jwks`: a file path or an http(s) URL; by default `<publicUrl>/.well-known/jwks.json`. */
  jwks?: string;
  publicUrl: string;
  json: boolean;
};

export type CommandOutput = { stdout: string[]; stderr: string[]; exitCode: number };

async function loadJwks(source: string): Promise<JSONWebKeySet> {
  let text: string;
  if (/^https?:\/\//i.test(source)) {
    let response: Response;
    try {
      response = await fetch(source, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(10_000) });
    } catch {
      throw new Error(`cannot fetch the hub's keys at ${source}`);
    }
    if (!response.ok) throw new Error(`cannot fetch the hub's keys at ${source} (HTTP ${response.status})`);
    text = await response.text();
  } else {
    try {
      text = await readFile(source, 'utf8');
    } catch {
      throw new UsageError(`--jwks: cannot read ${source}`);
    }
  }
  try {
    const jwks = JSON.parse(text) as JSONWebKeySet;
    if (!Array.isArray(jwks.keys)) throw new Error('no keys');
    return jwks;
  } catch {
    throw new Error(`${source} is not a JWKS ({"keys":[...]})`);
  }
}

/**
 * `hub consent verify FILE [--jwks FILE|URL]`: checks a consent receipt against the hub's published
 * keys, without the database. Exit code 0 when the signature holds, 1 when not.
 */
export async function consentVerifyCommand(input: ConsentVerifyInput): Promise<CommandOutput> {
  let jws: string;
  try {
    jws = await readFile(input.file, 'utf8');
  } catch {
    throw new UsageError(`consent verify: cannot read ${input.file}`);
  }
  const jwks = await loadJwks(input.jwks ?? `${input.publicUrl.replace(/\/+$/, '')}/.well-known/jwks.json`);
  const result = await verifyReceipt(jws, jwks);
  if (!result.valid) {
    return {
      stdout: input.json ? [JSON.stringify({ valid: false, reason: result.reason, message: result.message })] : [],
      stderr: [`receipt invalid: ${result.message} (${result.reason})`],
      exitCode: 1,
    };
  }
  return {
    stdout: input.json
      ? [JSON.stringify({ valid: true, kid: result.kid, receipt: result.receipt })]
      : [`valid: signed by the hub (key ${result.kid})`, formatResult(result.receipt)],
    stderr: [],
    exitCode: 0,
  };
}
