/** Query parameters of an upstream call; `undefined` values are left out. */
export type UpstreamQuery = Record<string, string | number | boolean | string[] | undefined>;

/**
 * Serialises upstream query parameters the way API Particulier reads them: arrays as repeated
 * `name[]=` pairs (the v3 OpenAPI declares e.g. `prenoms[]`, `departements[]`), scalars as-is.
 * Keys are sorted so that the same parameters always give the same URL (and the same cache key).
 */
export function encodeQuery(query: UpstreamQuery): string {
  const params = new URLSearchParams();
  for (const key of Object.keys(query).sort()) {
    const value = query[key];
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      for (const item of value) params.append(`${key}[]`, item);
    } else {
      params.append(key, String(value));
    }
  }
  return params.toString();
}
