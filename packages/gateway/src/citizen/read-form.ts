import type { IncomingMessage } from 'node:http';

/** The citizen forms are a few dozen bytes; anything much larger is not ours. */
const MAX_FORM_BYTES = 8 * 1024;

/** An `application/x-www-form-urlencoded` body, or null for another type or an oversized body. */
export async function readForm(req: IncomingMessage): Promise<URLSearchParams | null> {
  const mediaType = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/x-www-form-urlencoded') {
    req.resume();
    return null;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_FORM_BYTES) {
      req.resume();
      return null;
    }
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}
