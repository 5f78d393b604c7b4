/**
 * A strict parser of the Prometheus text exposition format 0.0.4: every line is a `# HELP`, a
 * `# TYPE` (declared before its samples, once), or a sample `name{label="value",...} value`;
 * label values escaped as the format says; sample names belong to the declared family (with the
 * `_bucket`/`_sum`/`_count` suffixes of histograms and summaries). Throws on anything else.
 */
export type Sample = { name: string; labels: Record<string, string>; value: number };
export type Family = { name: string; type: string; help: string; samples: Sample[] };

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);

export function parsePrometheusText(text: string): Map<string, Family> {
  const families = new Map<string, Family>();
  const lines = text.split('\n');
  if (lines[lines.length - 1] !== '') throw new Error('exposition must end with a newline');
  for (const [i, line] of lines.slice(0, -1).entries()) {
    const where = `line ${i + 1}: ${line}`;
    if (line === '') continue;
    if (line.startsWith('# HELP ')) {
      const [, name, help = ''] = /^# HELP (\S+) ?(.*)$/.exec(line) ?? [];
      if (!name || !NAME.test(name)) throw new Error(`bad HELP, ${where}`);
      const f = families.get(name) ?? { name, type: 'untyped', help: '', samples: [] };
      f.help = help;
      families.set(name, f);
      continue;
    }
    if (line.startsWith('# TYPE ')) {
      const [, name, type] = /^# TYPE (\S+) (\S+)$/.exec(line) ?? [];
      if (!name || !NAME.test(name) || !type || !TYPES.has(type)) throw new Error(`bad TYPE, ${where}`);
      const f = families.get(name) ?? { name, type, help: '', samples: [] };
      if (f.samples.length > 0) throw new Error(`TYPE after samples, ${where}`);
      f.type = type;
      families.set(name, f);
      continue;
    }
    if (line.startsWith('#')) continue; // comments are allowed
    const sample = parseSample(line, where);
    const family = familyOf(families, sample.name);
    if (!family) throw new Error(`sample of an undeclared family, ${where}`);
    family.samples.push(sample);
  }
  return families;
}

function familyOf(families: Map<string, Family>, name: string): Family | undefined {
  if (families.has(name)) return families.get(name);
  for (const suffix of ['_bucket', '_sum', '_count', '_total', '_created']) {
    if (name.endsWith(suffix)) {
      const f = families.get(name.slice(0, -suffix.length));
      if (f) return f;
    }
  }
  return undefined;
}

function parseSample(line: string, where: string): Sample {
  let i = 0;
  const nameMatch = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(line);
  if (!nameMatch) throw new Error(`bad metric name, ${where}`);
  const name = nameMatch[0];
  i = name.length;
  const labels: Record<string, string> = {};
  if (line[i] === '{') {
    i += 1;
    while (line[i] !== '}') {
      const m = /^[a-zA-Z_][a-zA-Z0-9_]*/.exec(line.slice(i));
      if (!m || !LABEL.test(m[0])) throw new Error(`bad label name, ${where}`);
      i += m[0].length;
      if (line[i] !== '=' || line[i + 1] !== '"') throw new Error(`bad label syntax, ${where}`);
      i += 2;
      let value = '';
      for (;;) {
        const c = line[i];
        if (c === undefined) throw new Error(`unterminated label value, ${where}`);
        i += 1;
        if (c === '"') break;
        if (c === '\\') {
          const e = line[i];
          i += 1;
          if (e === 'n') value += '\n';
          else if (e === '\\' || e === '"') value += e;
          else throw new Error(`bad escape, ${where}`);
        } else value += c;
      }
      if (m[0] in labels) throw new Error(`duplicate label, ${where}`);
      labels[m[0]] = value;
      if (line[i] === ',') i += 1;
      else if (line[i] !== '}') throw new Error(`bad label separator, ${where}`);
    }
    i += 1;
  }
  const rest = line.slice(i);
  const m = /^ (\S+)( -?\d+)?$/.exec(rest);
  if (!m) throw new Error(`bad value, ${where}`);
  const raw = m[1]!;
  // Prometheus reads values with Go's ParseFloat, for which NaN is case-insensitive: prom-client
  // writes `Nan` (the event-loop lag mean before its first sample), and Prometheus takes it.
  const nan = /^nan$/i.test(raw);
  const value = raw === '+Inf' ? Infinity : raw === '-Inf' ? -Infinity : nan ? NaN : Number(raw);
  if (Number.isNaN(value) && !nan) throw new Error(`bad number, ${where}`);
  return { name, labels, value };
}

/** Sum of the samples named `name` whose labels include `match`. */
export function sampleSum(families: Map<string, Family>, name: string, match: Record<string, string> = {}): number {
  let sum = 0;
  for (const f of families.values()) {
    for (const s of f.samples) {
      if (s.name === name && Object.entries(match).every(([k, v]) => s.labels[k] === v)) sum += s.value;
    }
  }
  return sum;
}
