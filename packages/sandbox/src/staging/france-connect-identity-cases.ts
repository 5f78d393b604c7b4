import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { Answer, QueryParams } from '../wire/answer.js';

/** Where the vendored cases live; the same relative path from `src/staging` and `dist/staging`. */
const PAYLOADS_DIR = fileURLToPath(new URL('../../fixtures/siade_staging_data/payloads/', import.meta.url));

/**
 * `api_particulier_<version>_<provider>_<route>_with_france_connect` → `/<version>/<path>/<route>/identite`.
 * In API Particulier the `/france_connect` variants of these routes read the pivot from the token;
 * a data hub calls the `/identite` route with the pivot it derived from the same token, so the
 * sandbox answers these cases there. ANTS has no `/identite` route: its cases are matched by
 * `immatriculation` on the `/france_connect` route (see `staging-folders.ts`).
 */
const FOLDER = /^api_particulier_(v\d)_(cnav|cnous|dsnj|gip_mds|mesri)_(\w+?)_with_france_connect$/;
const PROVIDER_PATH: Readonly<Record<string, string>> = { cnav: 'dss', cnous: 'cnous', dsnj: 'dsnj', gip_mds: 'gip_mds', mesri: 'mesri' };

/** The route a `*_with_france_connect` folder's cases answer on, or undefined (ANTS, others). */
export function franceConnectFolderRoute(folder: string): string | undefined {
  const m = FOLDER.exec(folder);
  return m ? `/${m[1]}/${PROVIDER_PATH[m[2]!]}/${m[3]}/identite` : undefined;
}

/**
 * Parameter names as the cases spell them → one canonical name. The corpus is not uniform:
 * `prenoms` as a list, a single string or `prenom`; `codeInseeLieuDeNaissance` and
 * `codePaysLieuDeNaissance` for the COG codes.
 */
const ALIASES: Readonly<Record<string, string>> = {
  'prenoms[]': 'prenoms', prenoms: 'prenoms', prenom: 'prenoms',
  codeInseeLieuDeNaissance: 'codeCogInseeCommuneNaissance',
  codePaysLieuDeNaissance: 'codeCogInseePaysNaissance',
};
const INTEGER_PARAMS = new Set(['anneeDateNaissance', 'moisDateNaissance', 'jourDateNaissance']);

type Pivot = Map<string, string>;
type Case = { pivot: Pivot; answer: Answer };

/** Upper case, no accents, single spaces: « Delatour » and « DELATOUR » are the same name. */
function normalizeValue(name: string, values: readonly string[]): string {
  if (INTEGER_PARAMS.has(name)) return values.map((v) => (/^\d+$/.test(v.trim()) ? String(Number(v)) : v.trim())).join(' ');
  return values.map((v) => v.normalize('NFD').replace(/\p{M}/gu, '').toUpperCase().trim().replace(/\s+/g, ' ')).join(' ');
}

function pivotOf(entries: Iterable<[string, readonly string[]]>): Pivot {
  const pivot: Pivot = new Map();
  for (const [raw, values] of entries) {
    if (raw === 'recipient') continue;
    const name = ALIASES[raw] ?? raw;
    const kept = values.filter((v) => v.trim() !== '');
    if (kept.length > 0) pivot.set(name, normalizeValue(name, kept));
  }
  return pivot;
}

/**
 * The staging `*_with_france_connect` cases of the `/identite` routes, answered for the identity
 * pivot a data hub derives from the matching FranceConnect token.
 *
 * The rule: a request matches a case when every parameter both carry agrees (names compared upper
 * case without accents, dates as integers, the parameter-name aliases above) and they share at
 * least `nomNaissance`; a parameter only one side carries is ignored. A FranceConnect token carries
 * no nom d'usage when the citizen has none (the cases' `nomUsage`, e.g. « Delamouette », is then
 * not sent), and some cases omit the sex or the birth place the hub does send. Among matching cases
 * the one sharing the most parameters wins (then the first file in name order).
 */
export class FranceConnectIdentityCases {
  readonly #byRoute = new Map<string, Case[]>();

  static load(): FranceConnectIdentityCases {
    const cases = new FranceConnectIdentityCases();
    for (const folder of readdirSync(PAYLOADS_DIR).sort()) {
      const route = franceConnectFolderRoute(folder);
      if (!route) continue;
      const list = cases.#byRoute.get(route) ?? [];
      for (const file of readdirSync(PAYLOADS_DIR + folder).sort()) {
        const staged = parse(readFileSync(`${PAYLOADS_DIR}${folder}/${file}`, 'utf8')) as { params?: Record<string, unknown>; status: number; payload: string };
        const params = Object.entries(staged.params ?? {}).map(([k, v]): [string, string[]] => [k, Array.isArray(v) ? v.map(String) : [String(v)]]);
        list.push({ pivot: pivotOf(params), answer: { status: staged.status, body: JSON.parse(staged.payload) } });
      }
      cases.#byRoute.set(route, list);
    }
    return cases;
  }

  get size(): number {
    let n = 0;
    for (const list of this.#byRoute.values()) n += list.length;
    return n;
  }

  lookup(route: string, params: QueryParams): Answer | undefined {
    const list = this.#byRoute.get(route);
    if (!list) return undefined;
    const request = pivotOf(params.entries());
    let best: { shared: number; answer: Answer } | undefined;
    for (const c of list) {
      let shared = 0;
      let agrees = c.pivot.has('nomNaissance') && request.has('nomNaissance');
      for (const [name, value] of c.pivot) {
        if (!agrees) break;
        const sent = request.get(name);
        if (sent === undefined) continue;
        if (sent !== value) agrees = false;
        else shared += 1;
      }
      if (agrees && (!best || shared > best.shared)) best = { shared, answer: c.answer };
    }
    return best?.answer;
  }
}
