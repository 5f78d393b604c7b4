import type { QueryParams } from '../wire/answer.js';

/** Groups repeated query parameters, keeping wire names (`prenoms[]`) and value order. */
export function queryParams(search: URLSearchParams): QueryParams {
  const params: QueryParams = new Map();
  for (const [name, value] of search) {
    const values = params.get(name);
    if (values) values.push(value);
    else params.set(name, [value]);
  }
  return params;
}
