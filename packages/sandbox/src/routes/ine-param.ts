import type { Answer, QueryParams } from '../wire/answer.js';
import { malformedIne } from '../wire/v3-errors.js';
import { single } from './query-values.js';

/** INE: 10 digits + 1 letter, or (since 2018) 9 digits + 2 letters (OpenAPI `ine` parameter). */
export function parseIne(params: QueryParams): string | Answer {
  const ine = single(params, 'ine');
  if (ine === undefined || !/^(\d{10}[A-Za-z]|\d{9}[A-Za-z]{2})$/.test(ine)) return malformedIne();
  return ine;
}
