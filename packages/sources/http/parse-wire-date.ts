/** Date layouts found in upstream bodies. */
export type WireDateFormat = 'YYYY-MM-DD' | 'DD/MM/YYYY';

const PATTERNS: Record<WireDateFormat, RegExp> = {
  'YYYY-MM-DD': /^(?<y>\d{4})-(?<m>\d{2})-(?<d>\d{2})$/,
  'DD/MM/YYYY': /^(?<d>\d{2})\/(?<m>\d{2})\/(?<y>\d{4})$/,
};

/**
 * Reads an upstream date into ISO `YYYY-MM-DD`, or null when it is absent, empty or impossible.
 * Staging data contains impossible calendar dates (e.g. `2021-06-31`): such a value nulls only
 * the field that carries it instead of failing the whole answer.
 */
export function parseWireDate(value: unknown, format: WireDateFormat): string | null {
  if (typeof value !== 'string') return null;
  const groups = PATTERNS[format].exec(value.trim())?.groups;
  if (!groups) return null;
  const year = Number(groups.y);
  const month = Number(groups.m);
  const day = Number(groups.d);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${groups.y}-${groups.m}-${groups.d}`;
}
