/**
 * Prints the results table and the ratios of medians (hub / bare Apollo, journal on / off, rate
 * limiting on / off).
 * Ratios are reported, never asserted: a benchmark informs, it does not flake.
 */
export function printReport({ settings, databaseKind, results, pairs = [], machine }) {
  const out = [];
  out.push('');
  out.push(`Results — medians of ${settings.samples} × ${settings.seconds} s, ${settings.connections} connections; ${machine.cores} cores, Node ${machine.node}, ${machine.cpuModel}; database ${databaseKind}`);
  const header = ['query', 'server', 'req/s (median)', 'min–max', 'p99 ms', 'server CPU µs/req', 'PostgreSQL CPU µs/req', 'failed requests'];
  const rows = results.map((r) => [
    r.query, r.label, int(r.requestsPerSecond), `${int(r.minRequestsPerSecond)}–${int(r.maxRequestsPerSecond)}`,
    String(r.p99Ms), r.cpuMicrosPerRequest === null ? '—' : int(r.cpuMicrosPerRequest),
    r.pgCpuMicrosPerRequest === null ? '—' : int(r.pgCpuMicrosPerRequest), String(r.failures),
  ]);
  out.push(...table(header, rows));
  out.push('');
  out.push('Ratios (of median req/s, same run):');
  for (const query of [...new Set(results.map((r) => r.query))]) {
    const by = Object.fromEntries(results.filter((r) => r.query === query).map((r) => [r.server, r]));
    const upstream = results.find((r) => r.query === query)?.upstream;
    const ratio = (a, b) => (by[a] && by[b] ? (by[a].requestsPerSecond / by[b].requestsPerSecond).toFixed(2) : '—');
    out.push(`  ${query}: hub journal off / bare Apollo = ${ratio('off', 'bare')}   hub journal on / bare Apollo = ${ratio('on', 'bare')}   journal on / off = ${ratio('on', 'off')}`);
    out.push(`    rate limiting on / off (both journal on) = ${ratio('on', 'norl')}   hub journal on, rate limiting off / bare Apollo = ${ratio('norl', 'bare')}`);
    if (upstream) {
      out.push(`    against bare Apollo making the same upstream call: hub journal off = ${ratio('off', 'bare+up')}   hub journal on = ${ratio('on', 'bare+up')}`);
      out.push(`    (the hub calls the sandbox upstream over HTTP on every request here; plain bare Apollo answers from memory)`);
    }
  }
  if (pairs.length > 0) {
    out.push('');
    out.push(`Simultaneous pairs (both servers under load at the same moment, ${Math.max(1, Math.floor(settings.connections / 2))} connections each; median of ${settings.samples} runs, the machine's drift cancels out):`);
    for (const p of pairs) out.push(`  ${p.query}: ${p.what} = ${p.ratio.toFixed(3)}   (${p.min.toFixed(3)}–${p.max.toFixed(3)})`);
  }
  out.push('');
  out.push('Server CPU is the server process only (not PostgreSQL, not the sandbox upstream, not the load generator).');
  out.push('PostgreSQL CPU is every postgres process of the machine during the sample, per request (PostgreSQL runs on the same cores).');
  process.stdout.write(`${out.join('\n')}\n`);
}

function int(n) {
  return Math.round(n).toLocaleString('en-US');
}

function table(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => (i >= 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(' | ')} |`;
  return [line(header), `|${widths.map((w, i) => (i >= 2 ? `${'-'.repeat(w + 1)}:` : `-${'-'.repeat(w + 1)}`)).join('|')}|`, ...rows.map(line)];
}
