import { wire } from './wire.js';

/**
 * The `data` object of a v3 body (`{data, links, meta}`). Throws a TypeError when it is missing:
 * the loader turns that into PROVIDER_ERROR for this key only.
 */
export function readDataBlock(body: unknown): Record<string, unknown> {
  const data = wire.object(wire.object(body)?.data);
  if (!data) throw new TypeError('v3 body without a data object');
  return data;
}
