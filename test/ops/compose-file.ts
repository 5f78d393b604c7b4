// docker-compose.yml and deploy/nginx.conf as data, for the tests that cannot run Docker here:
// the structural test (test/schema/docker-compose.test.ts) and the process test that wires the
// sandbox and hub processes as compose does (test/ops/compose-wiring.process.test.ts).
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

const COMPOSE = new URL('../../docker-compose.yml', import.meta.url);
const NGINX = new URL('../../deploy/nginx.conf', import.meta.url);

/**
 * Compose's variable interpolation, the forms the file uses: `${VAR}`, `${VAR:-default}` (unset
 * or empty → default), `${VAR:?message}` (unset or empty → error) and `$$` (a literal `$`).
 */
export function interpolate(text: string, env: Record<string, string | undefined> = {}): string {
  return text.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:-|:\?)([^}]*))?\}/g, (whole, name: string | undefined, op: string | undefined, arg: string | undefined) => {
    if (whole === '$$') return '$';
    const value = env[name!];
    if (value !== undefined && value !== '') return value;
    if (op === ':-') return arg ?? '';
    if (op === ':?') throw new Error(`${name}: ${arg}`);
    return '';
  });
}

/** The compose file, interpolated with `env` (the shell's environment in `docker compose up`). */
export function readCompose(env: Record<string, string | undefined> = {}): any {
  return parse(interpolate(readFileSync(COMPOSE, 'utf8'), env));
}

/** One `location` of deploy/nginx.conf: a path prefix, its optional rewrite, the `host:port` it proxies to. */
export type NginxRoute = { prefix: string; rewrite?: { pattern: RegExp; replacement: string }; target: string };

/**
 * The prefix locations of deploy/nginx.conf, longest first (nginx's choice among prefix
 * locations): `location <prefix> { [rewrite <regex> <replacement> break;] proxy_pass http://$var; }`
 * with `set $var host:port;` at server level. Anything else in a location fails loudly, so a
 * change of the file's shape cannot silently leave the process test routing differently.
 */
export function readNginxRoutes(text = readFileSync(NGINX, 'utf8')): NginxRoute[] {
  const code = text.replace(/#[^\n]*/g, '');
  const variables = new Map([...code.matchAll(/^\s*set\s+\$(\w+)\s+([^;\s]+);/gm)].map((m) => [m[1]!, m[2]!]));
  const routes: NginxRoute[] = [];
  for (const match of code.matchAll(/location\s+(\S+)\s*\{([^}]*)\}/g)) {
    const [, prefix, body] = match;
    const directives = body!.split(';').map((d) => d.trim()).filter(Boolean);
    let rewrite: NginxRoute['rewrite'];
    let target: string | undefined;
    for (const directive of directives) {
      const [name, ...args] = directive.split(/\s+/);
      if (name === 'rewrite' && args.length === 3 && args[2] === 'break') {
        rewrite = { pattern: new RegExp(args[0]!), replacement: args[1]! };
      } else if (name === 'proxy_pass' && /^http:\/\/\$\w+$/.test(args[0] ?? '')) {
        target = variables.get(args[0]!.slice('http://$'.length));
      } else {
        throw new Error(`deploy/nginx.conf: unexpected directive in location ${prefix}: ${directive}`);
      }
    }
    if (!target) throw new Error(`deploy/nginx.conf: location ${prefix} proxies to no known variable`);
    routes.push({ prefix: prefix!, target, ...(rewrite && { rewrite }) });
  }
  return routes.sort((a, b) => b.prefix.length - a.prefix.length);
}

/** Where nginx sends `path` (with its query string): the target `host:port` and the path it forwards. */
export function routeOf(routes: readonly NginxRoute[], path: string): { target: string; path: string } | undefined {
  const route = routes.find((r) => path.startsWith(r.prefix));
  if (!route) return undefined;
  const [pathname, query] = [path.split('?')[0]!, path.includes('?') ? path.slice(path.indexOf('?')) : ''];
  const rewritten = route.rewrite ? pathname.replace(route.rewrite.pattern, route.rewrite.replacement) : pathname;
  return { target: route.target, path: `${rewritten}${query}` };
}
