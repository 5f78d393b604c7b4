import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Prints, for each `.cpuprofile` in `dir` (written by `--cpu-prof` when a hub child exits), where
 * the busy time went: self time by origin (package or Node module), the top functions by self
 * time, and the hub's own functions by inclusive time (what each step of a request costs in
 * total). Idle time is left out of the percentages: the children idle while others are measured.
 */
export function summariseProfiles(dir, top = 20) {
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  if (files.length === 0) {
    process.stdout.write(`\nNo CPU profile written in ${dir}\n`);
    return;
  }
  for (const file of files) summarise(path.join(dir, file), top);
}

function summarise(file, top) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parentOf = new Map();
  for (const n of profile.nodes) for (const child of n.children ?? []) parentOf.set(child, n.id);
  const self = new Map();
  const inclusive = new Map();
  const byOrigin = new Map();
  const byCost = new Map();
  let busy = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    const frame = byId.get(id).callFrame;
    if (frame.functionName === '(idle)') return;
    busy += dt;
    const key = label(frame);
    self.set(key, (self.get(key) ?? 0) + dt);
    const o = origin(frame.url, frame.functionName);
    byOrigin.set(o, (byOrigin.get(o) ?? 0) + dt);
    const cost = costOf(id, byId, parentOf);
    byCost.set(cost, (byCost.get(cost) ?? 0) + dt);
    // Inclusive time: each distinct function on the stack once (recursion is not double counted).
    const seen = new Set();
    for (let node = id; node !== undefined; node = parentOf.get(node)) {
      const f = byId.get(node).callFrame;
      if (!/\/packages\//.test(f.url) || /node_modules/.test(f.url)) continue;
      const k = label(f);
      if (seen.has(k)) continue;
      seen.add(k);
      inclusive.set(k, (inclusive.get(k) ?? 0) + dt);
    }
  });
  const pct = (us) => `${((100 * us) / busy).toFixed(1).padStart(5)} %`;
  const out = [`\nCPU profile ${file} — ${(busy / 1e6).toFixed(1)} s busy (idle excluded)`];
  out.push('  busy time by cost (first recognised frame from the leaf up; start-up apart):');
  for (const [c, us] of sorted(byCost)) out.push(`    ${pct(us)}  ${c}`);
  out.push('  self time by origin:');
  for (const [o, us] of sorted(byOrigin).slice(0, 15)) out.push(`    ${pct(us)}  ${o}`);
  out.push(`  top ${top} functions by self time:`);
  for (const [k, us] of sorted(self).slice(0, top)) out.push(`    ${pct(us)}  ${k}`);
  out.push(`  hub functions (packages/*) by inclusive time:`);
  for (const [k, us] of sorted(inclusive).slice(0, top)) out.push(`    ${pct(us)}  ${k}`);
  process.stdout.write(`${out.join('\n')}\n`);
}

/** Leaf-to-root rules: the first frame that names a known cost decides. */
const COSTS = [
  [/node_modules\/jose\/|node:internal\/crypto\/(webcrypto|ec|util|keys)/, 'ES256 signature verification (jose, WebCrypto)'],
  [/\/packages\/store\/dist\/journal\//, 'journal (encoding, hash chain, group commit)'],
  [/node_modules\/(knex|pg|pg-protocol|pg-pool|tarn|postgres-[a-z]+|pg-types)\//, 'database client (knex, pg)'],
  [/node_modules\/graphql\//, 'graphql-js (parse, validate, execute)'],
  [/node_modules\/@apollo\//, 'Apollo Server request pipeline'],
  [/node_modules\/@graphql-tools\//, '@graphql-tools (schema wrappers)'],
  [/node_modules\/(dataloader|lru-cache|pino|zod)\//, 'dataloader, lru-cache, pino, zod'],
  [/\/packages\/policy\//, 'hub policy (@hub/policy)'],
  [/\/packages\/sources\//, 'hub sources (@hub/sources)'],
  [/\/packages\/(gateway|store|core)\//, 'hub gateway/store code'],
  [/^node:(_http|net|internal\/stream_base_commons|internal\/streams|internal\/http)/, 'HTTP and sockets (Node core, HTTP and database sockets)'],
];
const STARTUP = /^(createHub|buildHubSchema|createSandbox|loadTypeDefs|compileSourceTextModule|Module\._load)$/;

function costOf(id, byId, parentOf) {
  let decided = null;
  for (let node = id; node !== undefined; node = parentOf.get(node)) {
    const f = byId.get(node).callFrame;
    if (STARTUP.test(f.functionName)) return 'start-up (modules, schema, migrations)';
    if (decided === null) {
      const hit = COSTS.find(([re]) => re.test(f.url));
      if (hit) decided = hit[1];
    }
  }
  if (decided) return decided;
  const leaf = byId.get(id).callFrame;
  return leaf.url ? `other (${origin(leaf.url, leaf.functionName)})` : leaf.functionName || '(native)';
}

function sorted(map) {
  return [...map].sort((a, b) => b[1] - a[1]);
}

function label(frame) {
  return `${frame.functionName || '(anonymous)'}  ${where(frame.url)}:${frame.lineNumber + 1}`;
}

/** A short location: `packages/<name>/dist/<file>`, `<pkg>/<file>` under node_modules, `node:<module>`. */
function where(url) {
  if (!url) return '(native)';
  const pkg = /\/(packages\/.+)$/.exec(url) ?? /node_modules\/((?:@[^/]+\/)?[^/]+)\/.*?([^/]+)$/.exec(url);
  if (pkg) return pkg[2] ? `${pkg[1]}/${pkg[2]}` : pkg[1];
  return url.startsWith('node:') ? url : path.basename(url);
}

function origin(url, functionName) {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url) ?? /\/(packages\/[^/]+)\//.exec(url);
  if (m) return m[1];
  return url.startsWith('node:') ? url.replace(/^(node:internal\/[^/]+).*$/, '$1') : path.basename(url);
}
