import type { IncomingMessage } from 'node:http';

const LIMIT_BYTES = 64 * 1024;

export class BodyError extends Error {
  constructor(readonly code: 'invalid_json' | 'body_too_large', message: string) {
    super(message);
  }
}

/** Reads a small JSON body (admin endpoints); throws BodyError when it is not one. */
export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > LIMIT_BYTES) throw new BodyError('body_too_large', `The body must not exceed ${LIMIT_BYTES} bytes`);
    chunks.push(buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') throw new BodyError('invalid_json', 'The body is empty; a JSON object is expected');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BodyError('invalid_json', 'The body is not valid JSON');
  }
}
