import type { IncomingMessage } from 'node:http';

/** Largest form body accepted: the IdP forms are a few hundred bytes. */
const MAX_BODY_BYTES = 64 * 1024;

export type FormBodyResult =
  | { ok: true; form: URLSearchParams }
  | { ok: false; reason: 'unsupported_media_type' | 'too_large' };

/**
 * Reads an `application/x-www-form-urlencoded` body. Anything else is refused rather than
 * guessed at; an oversized body is refused before it is buffered whole.
 */
export async function readFormBody(req: IncomingMessage): Promise<FormBodyResult> {
  const mediaType = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/x-www-form-urlencoded') {
    req.resume();
    return { ok: false, reason: 'unsupported_media_type' };
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      req.resume();
      return { ok: false, reason: 'too_large' };
    }
    chunks.push(chunk);
  }
  return { ok: true, form: new URLSearchParams(Buffer.concat(chunks).toString('utf8')) };
}
