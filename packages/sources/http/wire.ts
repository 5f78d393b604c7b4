/**
 * Tolerant readers of upstream JSON values: each returns the value when it has the expected type
 * and null otherwise, so that one odd field nulls that field only (docs/contract.md#upstreams) and mappers stay
 * declarative.
 */
export const wire = {
  /** A string; empty or blank strings (DGFIP's "no value") read as null. */
  string(value: unknown): string | null {
    return typeof value === 'string' && value.trim() !== '' ? value : null;
  },
  /** An integer, also from a digits-only string such as DGFIP's `anneeImpots: "2022"`. */
  int(value: unknown): number | null {
    if (typeof value === 'number') return Number.isInteger(value) ? value : null;
    if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value.trim());
    return null;
  },
  /** A finite number. */
  number(value: unknown): number | null {
    return typeof value === 'number' && Number.isFinite(value) ? value : null;
  },
  boolean(value: unknown): boolean | null {
    return typeof value === 'boolean' ? value : null;
  },
  /** A plain object (not an array). */
  object(value: unknown): Record<string, unknown> | null {
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  },
  array(value: unknown): unknown[] | null {
    return Array.isArray(value) ? value : null;
  },
  /** Space-separated first names ("JEAN MARTIN") as a list; null when empty. */
  firstNames(value: unknown): string[] | null {
    if (typeof value !== 'string') return null;
    const names = value.split(/\s+/).filter((name) => name !== '');
    return names.length > 0 ? names : null;
  },
  /** A sex code, "F" or "M". */
  sex(value: unknown): 'F' | 'M' | null {
    return value === 'F' || value === 'M' ? value : null;
  },
} as const;
