/** Human-readable output: one `key: value` line per field, lists as indented blocks. */
export function formatResult(result: unknown, indent = ''): string {
  if (result === null || typeof result !== 'object') return `${indent}${String(result)}`;
  if (Array.isArray(result)) {
    if (result.length === 0) return `${indent}(none)`;
    return result.map((item) => formatResult(item, indent + '  ')).join(`\n${indent}  --\n`);
  }
  return Object.entries(result as Record<string, unknown>)
    .map(([k, v]) => (v !== null && typeof v === 'object' && !(Array.isArray(v) && v.every((x) => typeof x !== 'object'))
      ? `${indent}${k}:\n${formatResult(v, indent + '  ')}`
      : `${indent}${k}: ${Array.isArray(v) ? v.join(', ') : String(v)}`))
    .join('\n');
}
