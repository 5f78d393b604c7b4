import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { Answer, QueryParams } from '../wire/answer.js';
import { stagingFolders } from './staging-folders.js';

/** Where the vendored cases live; the same relative path from `src/staging` and `dist/staging`. */
const PAYLOADS_DIR = fileURLToPath(new URL('../../fixtures/siade_staging_data/payloads/', import.meta.url));

/** Integer parameters: `06` and `6` designate the same month. */
const INTEGER_PARAMS = new Set(['anneeDateNaissance', 'moisDateNaissance', 'jourDateNaissance', 'annee', 'mois']);

/**
 * The staging cases, answered for their exact parameters (the `recipient` aside). Keys are the
 * parameter names as sent on the wire: a YAML list `prenoms: [A, B]` is `prenoms[]=A&prenoms[]=B`.
 */
export class StagingAnswers {
  readonly #answers = new Map<string, Answer>();

  static load(): StagingAnswers {
    const answers = new StagingAnswers();
    for (const [folder, route] of Object.entries(stagingFolders)) {
      for (const file of readdirSync(PAYLOADS_DIR + folder).sort()) {
        const text = readFileSync(`${PAYLOADS_DIR}${folder}/${file}`, 'utf8');
        const staged = parse(text) as { params?: Record<string, unknown>; status: number; payload: string };
        const params: QueryParams = new Map();
        for (const [name, value] of Object.entries(staged.params ?? {})) {
          if (Array.isArray(value)) params.set(`${name}[]`, value.map(String));
          else params.set(name, [String(value)]);
        }
        const key = stagingKey(route, params);
        // First case wins: folders never repeat a parameter set within one route.
        if (!answers.#answers.has(key)) {
          answers.#answers.set(key, { status: staged.status, body: JSON.parse(staged.payload) });
        }
      }
    }
    return answers;
  }

  get size(): number {
    return this.#answers.size;
  }

  lookup(route: string, params: QueryParams): Answer | undefined {
    return this.#answers.get(stagingKey(route, params));
  }
}

function stagingKey(route: string, params: QueryParams): string {
  const entries = [...params.entries()]
    .filter(([name]) => name !== 'recipient')
    .map(([name, values]) => [name, INTEGER_PARAMS.has(name) ? values.map(normalizeInteger) : values] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `${route} ${JSON.stringify(entries)}`;
}

function normalizeInteger(value: string): string {
  return /^\d+$/.test(value) ? String(Number(value)) : value;
}
