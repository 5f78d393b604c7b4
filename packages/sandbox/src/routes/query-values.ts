import type { QueryParams } from '../wire/answer.js';

/** First value of a parameter; an empty value counts as absent, as Rails' `presence` does. */
export function single(params: QueryParams, name: string): string | undefined {
  const value = params.get(name)?.[0]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

/** All non-empty values of an array parameter (`name[]=a&name[]=b`). */
export function many(params: QueryParams, name: string): string[] {
  return (params.get(name) ?? []).map((v) => v.trim()).filter((v) => v !== '');
}

/** `undefined` when absent, `null` when present but not a non-negative integer. */
export function integer(params: QueryParams, name: string): number | undefined | null {
  const value = single(params, name);
  if (value === undefined) return undefined;
  return /^\d{1,4}$/.test(value) ? Number(value) : null;
}
