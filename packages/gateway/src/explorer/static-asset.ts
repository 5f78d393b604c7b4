import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);

/** Browsers may keep a versioned asset for a year: its URL changes with its content. */
const LONG_CACHE = 'public, max-age=31536000, immutable';

/** One file served from memory, with a content hash for its ETag and its versioned URL. */
export type StaticAsset = {
  readonly name: string;
  readonly contentType: string;
  readonly body: Buffer;
  /** First 16 hex digits of the SHA-256 of `body`. */
  readonly hash: string;
  /** Compressed once, on first demand (the GraphiQL bundle is 3.5 MB, about 0.8 MB gzipped). */
  gzipped(): Promise<Buffer>;
};

export function createStaticAsset(name: string, contentType: string, body: Buffer): StaticAsset {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 16);
  let compressed: Promise<Buffer> | undefined;
  return {
    name,
    contentType,
    body,
    hash,
    gzipped: () => (compressed ??= gzipAsync(body, { level: 9 })),
  };
}

/** GET/HEAD of an asset: gzip when accepted, strong ETag per encoding, 304 on a matching If-None-Match. */
export async function sendStaticAsset(req: IncomingMessage, res: ServerResponse, asset: StaticAsset): Promise<void> {
  const useGzip = acceptsGzip(req.headers['accept-encoding']);
  const etag = useGzip ? `"${asset.hash}-gz"` : `"${asset.hash}"`;
  const headers: Record<string, string | number> = {
    'content-type': asset.contentType,
    'cache-control': LONG_CACHE,
    etag,
    vary: 'accept-encoding',
    'x-content-type-options': 'nosniff',
    'cross-origin-resource-policy': 'same-origin',
  };
  if (matchesEtag(req.headers['if-none-match'], etag)) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  const body = useGzip ? await asset.gzipped() : asset.body;
  if (useGzip) headers['content-encoding'] = 'gzip';
  headers['content-length'] = body.length;
  res.writeHead(200, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
}

function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  return header.split(',').some((part) => {
    const [coding, ...params] = part.trim().split(';');
    if (coding?.trim().toLowerCase() !== 'gzip') return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  // Weak comparison (RFC 9110 §13.1.2): a W/ prefix added by a proxy still matches.
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}
