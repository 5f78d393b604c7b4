import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Prints the top self-time functions of each `.cpuprofile` in `dir` (written by `--cpu-prof` when
 * a hub child exits), with the package they belong to, so the costs can be read without DevTools.
 */
export function summariseProfiles(dir, top = 25) {
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  if (files.length === 0) {
    process.stdout.write(`\nNo CPU profile written in ${dir}\n`);
    return;
  }
  for (const file of files) {
    const profile = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
    const selfMicros = new Map();
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const deltas = profile.timeDeltas;
    let total = 0;
    profile.samples.forEach((id, i) => {
      const dt = deltas[i] ?? 0;
      total += dt;
      const frame = byId.get(id).callFrame;
      const key = `${frame.functionName || '(anonymous)'}  ${origin(frame.url)}:${frame.lineNumber + 1}`;
      selfMicros.set(key, (selfMicros.get(key) ?? 0) + dt);
    });
    const byPackage = new Map();
    for (const [key, us] of selfMicros) {
      const pkg = key.split('  ')[1].split(':')[0];
      byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
    }
    process.stdout.write(`\nCPU profile ${path.join(dir, file)} — ${(total / 1e6).toFixed(1)} s sampled\n`);
    process.stdout.write('  self time by origin:\n');
    for (const [pkg, us] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 15)) {
      process.stdout.write(`    ${((100 * us) / total).toFixed(1).padStart(5)} %  ${pkg}\n`);
    }
    process.stdout.write(`  top ${top} functions by self time:\n`);
    for (const [key, us] of [...selfMicros].sort((a, b) => b[1] - a[1]).slice(0, top)) {
      process.stdout.write(`    ${((100 * us) / total).toFixed(1).padStart(5)} %  ${key}\n`);
    }
  }
}

/** `node_modules/<pkg>`, `packages/<name>`, `node:<module>` or a pseudo-frame such as (garbage collector). */
function origin(url) {
  if (!url) return '(native)';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url) ?? /\/(packages\/[^/]+)\//.exec(url);
  if (m) return m[1];
  if (url.startsWith('node:')) return url;
  return path.basename(url);
}
