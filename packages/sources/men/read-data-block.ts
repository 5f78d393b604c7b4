import { wire } from '../http/index.js';

/**
 * The `data` object of a v3 body (`{data, links, meta}`). Throws when it is missing: the loader
 * turns that into PROVIDER_ERROR for this key only.
 */
export function readDataBlock(body: unknown): Record<string, unknown> {
  const data = wire.object(wire.object(body)?.data);
  if (!data) throw new Error('v3 body without a data object');
  return data;
}
