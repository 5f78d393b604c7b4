import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { expect } from '../support/expect.js';
import { startTestHub, type TestHub } from '../support/test-hub.js';

// The README's "A first consented query", as printed: its consent grant (persona, scopes, purpose)
// and its curl body, read from README.md, against a sandbox hub whose operator holds those scopes.
const README = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
const section = README.slice(README.indexOf('## A first consented query'), README.indexOf('## HTTP surface'));

let t: TestHub;
beforeAll(async () => { t = await startTestHub(); });
afterAll(async () => t?.close());

describe('README: a first consented query', () => {
  it('answers as the README says', async () => {
    const persona = /--persona (\S+)/.exec(section)![1]!;
    const scopes = /--scopes (\S+)/.exec(section)![1]!;
    const purpose = /--purpose "([^"]+)"/.exec(section)![1]!;
    const body = /-d '(\{"query":[\s\S]*?\})'\n/.exec(section)![1]!;

    const op = await t.hub.admin.addOperator({ name: 'Démo', siret: '21750001600019' });
    await t.hub.admin.grantHabilitation({ operator: op.id, scopes, purpose, legalBasis: 'sandbox' });
    const { token } = await t.hub.admin.issueToken({ operator: op.id });
    const consent = await t.hub.admin.grantConsent({ operator: op.id, persona, scopes, purpose });

    const res = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body.replace('<consent token>', consent.token),
    });
    expect(res.status).toBe(200);
    const answer = await res.json();
    expect(answer.data.person).toEqual({
      identity: { birthName: 'FONTAINE' },
      family: {
        familyQuotient: { value: 780 },
        children: [
          { identity: { firstNames: ['EMMA'] }, schooling: { school: null } },
          { identity: { firstNames: ['HUGO'] }, schooling: { school: { name: 'École élémentaire Les Tilleuls' } } },
        ],
      },
    });
    // Emma is at collège: outside a PRIMARY search, and only her school fails.
    expect(answer.errors.map((e: { path: unknown[]; extensions: object }) => ({ path: e.path, extensions: e.extensions }))).toEqual([
      { path: ['person', 'family', 'children', 0, 'schooling', 'school'], extensions: { code: 'NOT_FOUND', provider: 'MEN', upstreamCode: '30003', reason: 'identity_not_matched', retryable: false } },
    ]);
    for (const phrase of ['FONTAINE', '780', 'École élémentaire Les Tilleuls', 'NOT_FOUND']) expect(section, phrase).toContain(phrase);
  });
});
